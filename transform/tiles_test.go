package transform

import (
	"runtime"
	"strings"
	"sync"
	"testing"
)

// TestEachTileCoversOnce: on four workers, every pixel of every plane is
// in exactly one tile, the tiles are of the shape asked for but at the
// right and bottom edges, and each worker keeps one scratch; small work
// runs on one worker.
func TestEachTileCoversOnce(t *testing.T) {
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	for _, s := range [][5]int{{1, 1, 1, 256, 256}, {1, 64, 128, 256, 256}, {2, 65, 129, 256, 256}, {3, 200, 700, 256, 256},
		{1, 1000, 5, 256, 256}, {2, 130, 2100, 64, 1024}, {1, 63, 1023, 64, 1024}} {
		planes, h, w, ts := s[0], s[1], s[2], tileShape{s[3], s[4]}
		seen := make([]int32, planes*h*w)
		scratch := map[*pointScratch]bool{}
		var mu sync.Mutex
		err := eachTile(planes, h, w, 1<<20, ts, func(sc *pointScratch, z, y0, y1, x0, x1 int) {
			mu.Lock()
			defer mu.Unlock()
			scratch[sc] = true
			if y0%ts.rows != 0 || x0%ts.cols != 0 || y1 != min(h, y0+ts.rows) || x1 != min(w, x0+ts.cols) {
				t.Errorf("%v: tile rows [%d, %d) columns [%d, %d)", s, y0, y1, x0, x1)
			}
			for y := y0; y < y1; y++ {
				for x := x0; x < x1; x++ {
					seen[(z*h+y)*w+x]++
				}
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, n := range seen {
			if n != 1 {
				t.Fatalf("%v: pixel %d in %d tiles", s, i, n)
			}
		}
		if len(scratch) > 4 {
			t.Errorf("%v: %d scratches for 4 workers", s, len(scratch))
		}
	}
	calls := 0 // no lock: one worker
	if err := eachTile(1, 10, 10, 8, affineTiles, func(*pointScratch, int, int, int, int, int) { calls++ }); err != nil || calls != 1 {
		t.Fatalf("small work: %d calls, %v", calls, err)
	}
}

// TestEachTilePanicIsAnError: a panic in a tile comes back as an error.
func TestEachTilePanicIsAnError(t *testing.T) {
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	err := eachTile(2, 500, 500, 1<<20, affineTiles, func(_ *pointScratch, z, y0, _, x0, _ int) {
		if z == 1 && y0 == affineTiles.rows && x0 == affineTiles.cols { // the second row and column of tiles
			panic("tile failed")
		}
	})
	if err == nil || !strings.Contains(err.Error(), "tile failed") {
		t.Fatalf("err = %v, want the panic", err)
	}
}
