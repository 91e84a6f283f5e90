package segment_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/segment"
)

func Example() {
	// Two basins separated by a ridge of 5s, one marker in each.
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		1, 2, 5, 2, 1,
		0, 2, 5, 2, 0,
		1, 2, 5, 2, 1,
	}, 3, 5))
	markers, _ := gips.FromArrayGeometry(gips.ArrayOf([]uint16{
		0, 0, 0, 0, 0,
		1, 0, 0, 0, 2,
		0, 0, 0, 0, 0,
	}, 3, 5), gips.Geometry2d(gips.Label16, 5, 3))

	lab, _ := segment.Watershed(img, markers) // skimage.segmentation.watershed
	line, _ := segment.Watershed(img, markers, segment.WithWatershedLine(true))
	for _, out := range []*gips.Image{lab, line} {
		p, _ := gips.PlaneAt[uint16](out, 0, 0, 0)
		fmt.Println(p.Row(0), p.Row(1), p.Row(2))
	}
	// Output:
	// [1 1 1 2 2] [1 1 1 2 2] [1 1 1 2 2]
	// [1 1 0 2 2] [1 1 0 2 2] [1 1 0 2 2]
}
