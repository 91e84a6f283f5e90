package label_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/label"
)

func Example() {
	a := gips.ArrayOf([]uint8{
		1, 1, 0, 0, 1,
		0, 1, 0, 1, 1,
		0, 0, 0, 0, 0,
		1, 0, 1, 1, 0,
	}, 4, 5)
	bin, _ := gips.FromArrayGeometry(a, gips.Geometry2d(gips.Binary, 5, 4))

	lab, n, _ := label.Components(bin, gips.Conn4) // scipy.ndimage.label
	fmt.Println(n, lab.Type())
	for y := 0; y < 4; y++ {
		row, _ := gips.PlaneAt[uint16](lab, 0, 0, 0)
		fmt.Println(row.Row(y))
	}

	sizes, _ := label.LabelSizes(lab) // numpy.bincount
	fmt.Println(sizes)

	inner, _ := label.ClearBorder(lab, 0, 0) // every object touches the border here
	big, _ := label.RemoveSmallObjects(bin, 2, gips.Conn4)
	fmt.Println(inner.Row(0, 0), big.Row(0, 3))
	// Output:
	// 4 Label16
	// [1 1 0 0 2]
	// [0 1 0 2 2]
	// [0 0 0 0 0]
	// [3 0 4 4 0]
	// [11 3 3 1 2]
	// [0 0 0 0 0 0 0 0 0 0] [0 0 1 1 0]
}

// KeepSeeded keeps the objects that hold a seed: hysteresis thresholding
// once its two thresholds are applied.
func ExampleKeepSeeded() {
	a := gips.ArrayOf([]uint8{
		1, 1, 0, 0, 1,
		0, 1, 0, 1, 1,
		0, 0, 0, 0, 0,
		1, 0, 1, 1, 0,
	}, 4, 5)
	mask, _ := gips.FromArrayGeometry(a, gips.Geometry2d(gips.Binary, 5, 4))
	s := gips.ArrayOf([]uint8{
		0, 0, 0, 0, 0,
		0, 0, 0, 1, 0,
		0, 1, 0, 0, 0, // a seed outside the mask seeds nothing
		0, 0, 0, 1, 0,
	}, 4, 5)
	seeds, _ := gips.FromArrayGeometry(s, gips.Geometry2d(gips.Binary, 5, 4))

	kept, _ := label.KeepSeeded(mask, seeds, gips.Conn4)
	for y := 0; y < 4; y++ {
		fmt.Println(kept.Row(0, y))
	}
	// Output:
	// [0 0 0 0 1]
	// [0 0 0 1 1]
	// [0 0 0 0 0]
	// [0 0 1 1 0]
}
