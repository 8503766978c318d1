module shipwell.io/wms

go 1.23
