module github.com/gipsdev/gips

go 1.26
