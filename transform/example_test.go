package transform_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/transform"
)

// Zoom a 4x2 ramp to 8x4 with linear interpolation, pixel centres of the
// first and last pixels aligned (scipy.ndimage.zoom's default grid).
func Example() {
	img, _ := gips.FromArray(gips.ArrayOf([]float64{0, 1, 2, 3, 0, 1, 2, 3}, 2, 4))
	out, err := transform.Zoom(img, 2, 2, 1, transform.WithOrder(1))
	if err != nil {
		fmt.Println(err)
		return
	}
	row, _ := gips.PlaneAt[float64](out, 0, 0, 0)
	fmt.Println(out.SizeX(), out.SizeY())
	fmt.Printf("%.3f\n", row.Row(0))
	// Output:
	// 8 4
	// [0.000 0.429 0.857 1.286 1.714 2.143 2.571 3.000]
}

// Rotate a volume by 90 degrees in the xy plane: the output's x and y
// sizes swap, as scipy.ndimage.rotate with reshape.
func ExampleRotate() {
	img, _ := gips.CreateImage(gips.Geometry3d(gips.UInt16, 5, 3, 2))
	out, _ := transform.Rotate(img, 90, transform.WithOrder(1))
	fmt.Println(out.SizeX(), out.SizeY(), out.SizeZ())
	// Output:
	// 3 5 2
}
