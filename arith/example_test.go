package arith_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/arith"
)

func Example() {
	a, _ := gips.FromArray(gips.ArrayOf([]uint8{10, 200, 250, 7}, 2, 2))
	b, _ := gips.FromArray(gips.ArrayOf([]uint8{5, 100, 10, 2}, 2, 2))
	sum, _ := arith.Add(a, b)        // saturates: 200 + 100 = 255
	q, _ := arith.DivideScalar(a, 4) // rounds half away: 10 / 4 = 2.5 -> 3
	_ = arith.SubtractInto(a, a, b)  // in place: 7 - 2 = 5
	s, _ := sum.Array()
	qa, _ := q.Array()
	aa, _ := a.Array()
	fmt.Println(s.Get(0, 1), qa.Get(0, 0), aa.Get(1, 1))
	// Output: 255 3 5
}
