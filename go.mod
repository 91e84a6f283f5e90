module github.com/gipsdev/gips

go 1.26

require github.com/edsrzf/mmap-go v1.2.0

require golang.org/x/sys v0.0.0-20211216021012-1d35b9e2eb4e // indirect
