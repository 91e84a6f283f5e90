package filter_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/filter"
	"github.com/gipsdev/gips/morpho"
)

func ExampleMedian() {
	// Salt-and-pepper noise on a flat 5x3 image, numpy (Y, X).
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		10, 10, 10, 10, 10,
		10, 255, 10, 0, 10,
		10, 10, 10, 10, 10,
	}, 3, 5))
	med, _ := filter.Median(img, morpho.Rect(3, 3)) // scipy.ndimage.median_filter(a, 3)
	fmt.Println(med.Row(0, 1))
	// Output:
	// [10 10 10 10 10]
}

func ExampleRank() {
	img, _ := gips.FromArray(gips.ArrayOf([]int16{
		1, 2, 3, 4, 5, 6, 7,
	}, 1, 7))
	// The second largest of each 3-pixel window along x (mode nearest).
	r, _ := filter.Rank(img, -2, morpho.Rect(3, 1), filter.WithMode(filter.Nearest))
	a, _ := r.Array()
	fmt.Println(r.Type(), a.Get(0, 0), a.Get(0, 3), a.Get(0, 6))
	// Output:
	// Int16 1 4 7
}
