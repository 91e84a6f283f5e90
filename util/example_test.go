package util_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/util"
)

func Example() {
	img, _ := gips.FromArray(gips.ArrayOf([]uint16{0, 1000, 65535, 300}, 2, 2))
	clamped, _ := util.ConvertImg(img, gips.UInt8, util.Clamp)     // 1000 -> 255
	scaled, _ := util.ConvertImg(img, gips.UInt8, util.Scale)      // 65535 -> 255, 300 -> 1
	stretched, _ := util.ConvertImg(img, gips.Real32, util.MinMax) // data range onto [0, 1]
	c, _ := clamped.Array()
	s, _ := scaled.Array()
	m, _ := stretched.Array()
	fmt.Println(c.Get(0, 1), s.Get(1, 0), s.Get(1, 1), m.Get(1, 0))
	// Output: 255 255 1 1
}
