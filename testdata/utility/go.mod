module gridline.energy/platform

go 1.24
