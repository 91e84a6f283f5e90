package logic_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/logic"
)

func Example() {
	a, _ := gips.FromBinaryArray(gips.ArrayOf([]uint8{0, 1, 1, 255}, 2, 2))
	b, _ := gips.FromBinaryArray(gips.ArrayOf([]uint8{0, 0, 1, 1}, 2, 2))
	and, _ := logic.And(a, b) // 255 counts as 1
	img, _ := gips.FromArray(gips.ArrayOf([]float32{1.5, 2.5, 3.5, 4.5}, 2, 2))
	kept, _ := logic.Mask(img, b)
	x, _ := and.Array()
	k, _ := kept.Array()
	fmt.Println(x.Get(0, 1), x.Get(1, 0), x.Get(1, 1), k.Get(0, 0), k.Get(1, 1))
	// Output: 0 1 1 0 4.5
}
