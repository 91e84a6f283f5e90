package filter_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/filter"
)

func Example() {
	// A 5x3 image with one bright pixel, as numpy lays it out: (Y, X).
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		0, 0, 0, 0, 0,
		0, 0, 90, 0, 0,
		0, 0, 0, 0, 0,
	}, 3, 5))

	smooth, _ := filter.Gaussian(img, 1) // Real32, mode reflect
	fmt.Println(smooth.Type(), smooth.SizeX(), smooth.SizeY())

	box, _ := filter.MeanXYZ(img, 3, 1, 1, filter.WithMode(filter.Constant)) // UInt8, like the input
	fmt.Println(box.Row(0, 1))
	// Output:
	// Real32 5 3
	// [0 30 30 30 0]
}
