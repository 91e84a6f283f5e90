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

// The same image's grey level as uint8, OpenCV cvtColor's output type:
// round(255·(0.2125 R + 0.7154 G + 0.0721 B)), skimage's weights (OpenCV's
// RGB2GRAY would give round(0.299·255) = 76 for the red pixel).
func ExampleWithOutput() {
	rgb, _ := gips.FromRgbArray(gips.ArrayOf([]uint8{255, 255, 0, 255, 0, 255}, 3, 1, 2))
	grey, _ := color.RgbToGrey(rgb, color.WithOutput(gips.UInt8))
	g, _ := gips.PlaneAt[uint8](grey, 0, 0, 0)
	fmt.Println(grey.Type(), g.Row(0))
	// Output:
	// UInt8 [54 255]
}
