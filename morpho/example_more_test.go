package morpho_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/morpho"
)

func ExampleDisk() {
	// skimage.morphology.disk(2): the pixels within distance 2 of the centre.
	d := morpho.Disk(2)
	fmt.Println(d.Size())
	for y := range 5 {
		for x := range 5 {
			if d.At(x, y, 0) {
				fmt.Print("1")
			} else {
				fmt.Print(".")
			}
		}
		fmt.Println()
	}
	// Output:
	// [5 5 1]
	// ..1..
	// .111.
	// 11111
	// .111.
	// ..1..
}

func ExampleWhiteTophat() {
	// A one-pixel peak narrower than the 3x1 footprint: the white top-hat
	// (image minus its opening) keeps it and nothing else.
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		2, 2, 7, 2, 2,
		2, 2, 2, 2, 2,
	}, 2, 5))
	th, _ := morpho.WhiteTophat(img, morpho.Rect(3, 1))
	show(th)
	// Output:
	// [0 0 5 0 0]
	// [0 0 0 0 0]
}

func ExampleBlackTophat() {
	// The dark counterpart: closing minus image finds the narrow pit.
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		5, 5, 1, 5, 5,
		5, 5, 5, 5, 5,
	}, 2, 5))
	th, _ := morpho.BlackTophat(img, morpho.Rect(3, 1))
	show(th)
	// Output:
	// [0 0 4 0 0]
	// [0 0 0 0 0]
}

func ExampleGradient() {
	// Dilation minus erosion: high where the footprint straddles an edge.
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		2, 2, 7, 2, 2,
		2, 2, 2, 2, 2,
	}, 2, 5))
	g, _ := morpho.Gradient(img, morpho.Rect(3, 1))
	show(g)
	// Output:
	// [0 5 5 5 0]
	// [0 0 0 0 0]
}

func ExampleBinaryOpening() {
	// Erosion then dilation by a 3x3 box: the lone pixel goes, the 3x3
	// square (which the box fits) stays.
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		1, 1, 1, 0, 0, 1,
		1, 1, 1, 0, 0, 0,
		1, 1, 1, 0, 0, 0,
		0, 0, 0, 0, 0, 0,
	}, 4, 6))
	op, _ := morpho.BinaryOpening(img, morpho.Rect(3, 3))
	show(op)
	// Output:
	// [1 1 1 0 0 0]
	// [1 1 1 0 0 0]
	// [1 1 1 0 0 0]
	// [0 0 0 0 0 0]
}

func ExampleRegionalMinima() {
	// The single 1 and the plateau of 2s are regional minima (every
	// neighbour of the plateau is higher); the 3s are not.
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		3, 1, 3, 2, 2, 3,
		3, 3, 3, 2, 2, 3,
	}, 2, 6))
	m, _ := morpho.RegionalMinima(img, gips.Conn4)
	show(m)
	// Output:
	// [0 1 0 1 1 0]
	// [0 0 0 1 1 0]
}
