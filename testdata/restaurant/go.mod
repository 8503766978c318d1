module tablecraft.io/ops

go 1.26
