package imageio_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
)

// Save a calibrated two-channel volume as an ImageJ hyperstack, read it
// back, then map it and change a voxel in place.
func Example() {
	dir, err := os.MkdirTemp("", "imageio")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "cells.tif")

	img, _ := gips.CreateImage(gips.GeometryMultiChannel3d(gips.UInt16, 64, 48, 10, 2))
	img.SetCalibration(gips.Calibration{X: 0.2, Y: 0.2, Z: 0.5, Unit: "um"})
	if err := imageio.Save(path, img, nil); err != nil {
		log.Fatal(err)
	}

	back, err := imageio.Load(path)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(back.Geometry(), back.Calibration())

	disk, err := imageio.Open(path, imageio.ReadWrite)
	if err != nil {
		log.Fatal(err)
	}
	c1, _ := gips.PlaneAt[uint16](disk.Image, 3, 1, 0) // z=3, channel 1
	c1.Set(10, 20, 4095)
	if err := disk.Close(); err != nil { // flushes; unmapped once unreachable
		log.Fatal(err)
	}
	again, _ := imageio.Load(path)
	p, _ := gips.PlaneAt[uint16](again, 3, 1, 0)
	fmt.Println(p.At(10, 20))
	// Output:
	// UInt16 64x48x10 multichannel(2) {0.2 0.2 0.5 um}
	// 4095
}
