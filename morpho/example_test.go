package morpho_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/morpho"
)

// show prints the rows of a 2D image.
func show(img *gips.Image) {
	f, _ := gips.ConvertTo(img, gips.Real64)
	ps, _ := gips.Planes[float64](f)
	for y := range img.SizeY() {
		fmt.Println(ps[0].Row(y))
	}
}

func Example() {
	// A 6x4 image (numpy (Y, X)) with a bright 2x2 square and one noisy pixel.
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		0, 0, 0, 0, 0, 0,
		0, 9, 9, 0, 0, 5,
		0, 9, 9, 0, 0, 0,
		0, 0, 0, 0, 0, 0,
	}, 4, 6))
	open, _ := morpho.Opening(img, morpho.Rect(2, 2)) // removes what a 2x2 box does not fit
	show(open)
	// Output:
	// [0 0 0 0 0 0]
	// [0 9 9 0 0 0]
	// [0 9 9 0 0 0]
	// [0 0 0 0 0 0]
}

func ExampleErode() {
	img, _ := gips.FromArray(gips.ArrayOf([]uint16{
		5, 5, 5, 5, 5,
		5, 7, 7, 7, 5,
		5, 7, 7, 7, 5,
		5, 5, 5, 5, 1,
	}, 4, 5))
	ero, _ := morpho.Erode(img, morpho.Cross(2), morpho.WithMode(gips.Nearest))
	show(ero)
	// Output:
	// [5 5 5 5 5]
	// [5 5 5 5 5]
	// [5 5 5 5 1]
	// [5 5 5 1 1]
}

func ExampleDilate() {
	img, _ := gips.FromArray(gips.ArrayOf([]float32{
		0, 0, 0, 0, 0,
		0, 0, 0, 0, 0,
		0, 0, 3, 0, 0,
		0, 0, 0, 0, 0,
		0, 0, 0, 0, 0,
	}, 5, 5))
	dil, _ := morpho.Dilate(img, morpho.Diamond(1))
	show(dil)
	// Output:
	// [0 0 0 0 0]
	// [0 0 3 0 0]
	// [0 3 3 3 0]
	// [0 0 3 0 0]
	// [0 0 0 0 0]
}

func ExampleFillHoles() {
	ring, _ := gips.FromArray(gips.ArrayOf([]uint8{
		1, 1, 1, 0,
		1, 0, 1, 0,
		1, 1, 1, 0,
	}, 3, 4))
	filled, _ := morpho.FillHoles(ring, morpho.Cross(2))
	show(filled)
	// Output:
	// [1 1 1 0]
	// [1 1 1 0]
	// [1 1 1 0]
}

func ExampleBinaryErode() {
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		1, 1, 1, 1,
		1, 1, 1, 1,
		1, 1, 1, 1,
	}, 3, 4))
	ero, _ := morpho.BinaryErode(img, morpho.Cross(2)) // beyond the border is false
	show(ero)
	ero, _ = morpho.BinaryErode(img, morpho.Cross(2), morpho.WithBorderValue(true))
	show(ero)
	// Output:
	// [0 0 0 0]
	// [0 1 1 0]
	// [0 0 0 0]
	// [1 1 1 1]
	// [1 1 1 1]
	// [1 1 1 1]
}

func ExampleHMaxima() {
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		1, 1, 1, 1, 1, 1, 1,
		1, 9, 1, 1, 3, 1, 1,
		1, 1, 1, 1, 1, 1, 1,
	}, 3, 7))
	peaks, _ := morpho.HMaxima(img, 4, morpho.Rect(3, 3)) // the 9 stands 8 high, the 3 only 2
	show(peaks)
	seeds, _ := morpho.RegionalMaxima(img, gips.Full) // every peak
	show(seeds)
	// Output:
	// [0 0 0 0 0 0 0]
	// [0 1 0 0 0 0 0]
	// [0 0 0 0 0 0 0]
	// [0 0 0 0 0 0 0]
	// [0 1 0 0 1 0 0]
	// [0 0 0 0 0 0 0]
}

func ExampleReconstruct() {
	mask, _ := gips.FromArray(gips.ArrayOf([]uint8{
		4, 4, 0, 6, 6,
		4, 4, 0, 6, 6,
	}, 2, 5))
	seed, _ := gips.FromArray(gips.ArrayOf([]uint8{
		0, 0, 0, 0, 0,
		0, 2, 0, 0, 0,
	}, 2, 5))
	rec, _ := morpho.Reconstruct(seed, mask, morpho.ByDilation, morpho.Rect(3, 3))
	show(rec) // the seeded object (up to the seed's 2), not the other
	// Output:
	// [2 2 0 0 0]
	// [2 2 0 0 0]
}
