package threshold_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/threshold"
)

func Example() {
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{
		10, 12, 11, 200, 210,
		11, 13, 190, 205, 12,
	}, 2, 5))

	t, _ := threshold.Otsu(img) // skimage.filters.threshold_otsu
	mask, _ := threshold.Above(img, t)
	fmt.Println(t, mask.Row(0, 0), mask.Row(0, 1))

	band, _ := threshold.Range(img, 11, 13) // 11 <= v <= 13
	fmt.Println(band.Row(0, 0))

	// 1-D hysteresis: weak pixels (> 1.5) touching a strong one (> 2.5).
	line, _ := gips.FromArray(gips.ArrayOf([]float32{1, 2, 3, 2, 1, 2, 1, 3, 2}, 1, 9))
	h, _ := threshold.Hysteresis(line, 1.5, 2.5, gips.Conn4)
	fmt.Println(h.Row(0, 0))
	// Output:
	// 13 [0 0 0 1 1] [0 0 1 1 0]
	// [0 1 1 0 0]
	// [0 1 1 1 0 0 0 1 1]
}
