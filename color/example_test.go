package color_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/color"
)

// Convert a 2x1 RGB image (numpy (3, 1, 2), channel first) of uint8 pure
// red and white to grey and to Lab: integers are scaled to [0, 1] first.
func Example() {
	rgb, _ := gips.FromRgbArray(gips.ArrayOf([]uint8{255, 255, 0, 255, 0, 255}, 3, 1, 2))
	grey, _ := color.RgbToGrey(rgb)
	g, _ := gips.PlaneAt[float64](grey, 0, 0, 0)
	fmt.Printf("grey %.4f\n", g.Row(0))
	lab, _ := color.RgbToLab(rgb)
	for c := 0; c < 3; c++ {
		p, _ := gips.PlaneAt[float64](lab, 0, c, 0)
		fmt.Printf("%c %.2f\n", "Lab"[c], p.Row(0))
	}
	// Output:
	// grey [0.2125 1.0000]
	// L [53.24 100.00]
	// a [80.09 -0.00]
	// b [67.20 0.00]
}
