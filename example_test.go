package gips_test

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// A numpy-style (Z, Y, X) array with padding at the end of each line is
// wrapped without a copy: a write through the image is a write into the
// caller's slice.
func Example() {
	const Z, Y, X, pad = 2, 3, 4, 2
	data := make([]uint16, Z*Y*(X+pad))
	a := gips.ArrayOf(data, Z, Y, X+pad).Slice(2, 0, X, 1) // a[:, :, :X]

	img, err := gips.FromArray(a, gips.Strict)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(img.Geometry(), img.Geometry().Shape())

	p, _ := gips.PlaneAt[uint16](img, 1, 0, 0) // z = 1
	p.Set(3, 2, 42)                            // x = 3, y = 2
	fmt.Println(data[1*Y*(X+pad)+2*(X+pad)+3])
	// Output:
	// UInt16 4x3x2 [2 3 4]
	// 42
}

func ExampleFromArrayGeometry() {
	// A (3, Z, Y, X) array as a 3D RGB image: the geometry gives sizes x first.
	data := make([]uint8, 3*2*4*5)
	img, err := gips.FromArrayGeometry(gips.ArrayOf(data, 3, 2, 4, 5), gips.GeometryRgb3d(gips.UInt8, 5, 4, 2))
	fmt.Println(img, err)
	// Output: Image(UInt8 5x4x2 rgb(3)) <nil>
}
