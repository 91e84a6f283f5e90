package distance_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/distance"
)

func ExampleSignedEDT() {
	// One row: inside (nonzero) positive distances to the nearest zero,
	// outside negative distances to the nearest nonzero pixel.
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{0, 0, 0, 1, 1, 1, 1, 0}, 1, 8))
	d, _ := distance.SignedEDT(img, distance.WithOutput(gips.Real64))
	p, _ := gips.PlaneAt[float64](d, 0, 0, 0)
	fmt.Println(p.Row(0))
	// Output:
	// [-3 -2 -1 1 2 2 1 -1]
}
