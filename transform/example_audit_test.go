package transform_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/transform"
)

func ExampleFlip() {
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		1, 2, 3,
		4, 5, 6,
	}, 2, 3))
	up, _ := transform.Flip(img, transform.Y) // a view: no pixel copied
	p, _ := gips.PlaneAt[uint8](up, 0, 0, 0)
	fmt.Println(p.Row(0), p.Row(1))

	q, _ := gips.PlaneAt[uint8](img, 0, 0, 0)
	q.Row(1)[0] = 9 // a write through the image is read through the view
	fmt.Println(p.Row(0))
	// Output:
	// [4 5 6] [1 2 3]
	// [9 5 6]
}

func ExamplePad() {
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{1, 2, 3}, 1, 3))
	// numpy.pad(a, ((0, 0), (2, 1)), mode="symmetric")
	out, _ := transform.Pad(img, [3]int{2, 0, 0}, [3]int{1, 0, 0}, transform.PadSymmetric, 0)
	p, _ := gips.PlaneAt[uint8](out, 0, 0, 0)
	fmt.Println(p.Row(0))
	// Output:
	// [2 1 1 2 3 3]
}

func ExampleAffine() {
	img, _ := gips.FromArray(gips.ArrayOf([]float64{
		0, 1, 2, 3,
		4, 5, 6, 7,
	}, 2, 4))
	// scipy.ndimage.affine_transform(a, [[1, 0], [0, 0.5]], order=1):
	// out[y, x] = a[y, 0.5 x], the matrix in (x, y, z) order here.
	m := [3][3]float64{{0.5, 0, 0}, {0, 1, 0}, {0, 0, 1}}
	out, _ := transform.Affine(img, m, [3]float64{}, transform.WithOrder(1))
	p, _ := gips.PlaneAt[float64](out, 0, 0, 0)
	fmt.Println(p.Row(0), p.Row(1))
	// Output:
	// [0 0.5 1 1.5] [4 4.5 5 5.5]
}
