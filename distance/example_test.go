package distance_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/distance"
)

func Example() {
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		0, 1, 1, 1, 1,
		1, 1, 1, 1, 1,
		1, 1, 1, 1, 0,
	}, 3, 5))

	d, _ := distance.EDT(img, distance.WithOutput(gips.Real64)) // scipy.ndimage.distance_transform_edt
	p, _ := gips.PlaneAt[float64](d, 0, 0, 0)
	for y := 0; y < 3; y++ {
		fmt.Printf("%.3f\n", p.Row(y))
	}

	// Pixels twice as long along y as along x.
	d2, _ := distance.EDT(img, distance.WithSampling(1, 2))
	q, _ := gips.PlaneAt[float32](d2, 0, 0, 0)
	fmt.Println(q.Row(2))

	x, y, _, _ := distance.FeatureTransform(img) // where the nearest zero is
	fx, _ := gips.PlaneAt[int32](x, 0, 0, 0)
	fy, _ := gips.PlaneAt[int32](y, 0, 0, 0)
	fmt.Println(fx.Row(1), fy.Row(1))
	// Output:
	// [0.000 1.000 2.000 2.236 2.000]
	// [1.000 1.414 2.236 1.414 1.000]
	// [2.000 2.236 2.000 1.000 0.000]
	// [4 3 2 1 0]
	// [0 0 0 4 4] [0 0 0 2 2]
}

func ExampleLabelEDT() {
	// Labels 1 and 2 touch; label 0 below them.
	img, _ := gips.FromArrayGeometry(gips.ArrayOf([]uint16{
		1, 1, 2, 2,
		1, 1, 2, 2,
		0, 0, 0, 0,
	}, 3, 4), gips.Geometry2d(gips.Label16, 4, 3))
	d, _ := distance.LabelEDT(img, distance.WithOutput(gips.Real64))
	p, _ := gips.PlaneAt[float64](d, 0, 0, 0)
	for y := 0; y < 3; y++ {
		fmt.Println(p.Row(y))
	}
	// Output:
	// [2 1 1 2]
	// [1 1 1 1]
	// [0 0 0 0]
}
