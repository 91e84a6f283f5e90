package par

import (
	"sync"
	"testing"
)

func TestForCoversEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000, 12345} {
		for _, grain := range []int{0, 1, 100, 1 << 20} {
			hits := make([]int32, n)
			var mu sync.Mutex
			For(n, grain, func(lo, hi int) {
				mu.Lock()
				defer mu.Unlock()
				for i := lo; i < hi; i++ {
					hits[i]++
				}
			})
			for i, h := range hits {
				if h != 1 {
					t.Fatalf("n=%d grain=%d: index %d visited %d times", n, grain, i, h)
				}
			}
		}
	}
}

func TestBandsCoversEveryRowOfEveryPlane(t *testing.T) {
	const planes, height = 5, 37
	var mu sync.Mutex
	seen := map[[2]int]int{}
	Bands(planes, height, 4, func(p, y0, y1 int) {
		if p < 0 || p >= planes || y0 < 0 || y1 > height || y0 >= y1 {
			t.Errorf("bad band %d [%d,%d)", p, y0, y1)
		}
		mu.Lock()
		defer mu.Unlock()
		for y := y0; y < y1; y++ {
			seen[[2]int{p, y}]++
		}
	})
	if len(seen) != planes*height {
		t.Fatalf("%d rows visited, want %d", len(seen), planes*height)
	}
	for k, v := range seen {
		if v != 1 {
			t.Fatalf("row %v visited %d times", k, v)
		}
	}
}
