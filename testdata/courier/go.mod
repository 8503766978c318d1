module parcelgo.com/platform

go 1.24
