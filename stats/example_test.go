package stats_test

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/stats"
)

func Example() {
	img, _ := gips.FromArray(gips.ArrayOf([]uint16{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 2, 5))

	s, _ := stats.Measure(img)
	fmt.Printf("min %v max %v sum %v mean %v std %.4f\n", s.Min, s.Max, s.Sum, s.Mean, s.Std)

	h, _ := stats.Histogram(img, 3, 0, 9) // numpy.histogram(a, 3, (0, 9))
	fmt.Println(h.Counts, h.Edges)

	p, _ := stats.Percentiles(img, 25, 50)
	fmt.Println(p)
	// Output:
	// min 1 max 10 sum 55 mean 5.5 std 2.8723
	// [2 3 4] [0 3 6 9]
	// [3.25 5.5]
}
