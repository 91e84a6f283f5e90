package segment_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/segment"
)

func ExampleSeparate() {
	// Two discs of radius 4 whose centres are 7 pixels apart: one
	// component that a watershed of the distance map splits in two.
	const w, h = 20, 11
	data := make([]uint8, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			for _, cx := range []int{6, 13} {
				if (x-cx)*(x-cx)+(y-5)*(y-5) <= 16 {
					data[y*w+x] = 1
				}
			}
		}
	}
	img, _ := gips.FromArrayGeometry(gips.ArrayOf(data, h, w), gips.Geometry2d(gips.Binary, w, h))
	lab, _ := segment.Separate(img, 1, gips.Conn4) // EDT, h-maxima seeds, watershed
	p, _ := gips.PlaneAt[uint32](lab, 0, 0, 0)
	fmt.Println(p.Row(5))
	// Output:
	// [0 0 1 1 1 1 1 1 1 1 2 2 2 2 2 2 2 2 0 0]
}
