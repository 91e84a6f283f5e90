package transform

import (
	"runtime"
	"strings"
	"sync"
	"testing"
)

// TestEachTileCoversOnce: on four workers, every pixel of every plane is
// in exactly one tile, the tiles are tileRows by tileCols but at the
// right and bottom edges, and each worker keeps one scratch; small work
// runs on one worker.
func TestEachTileCoversOnce(t *testing.T) {
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	for _, s := range [][3]int{{1, 1, 1}, {1, 64, 128}, {2, 65, 129}, {3, 200, 700}, {1, 1000, 5}} {
		planes, h, w := s[0], s[1], s[2]
		seen := make([]int32, planes*h*w)
		scratch := map[*pointScratch]bool{}
		var mu sync.Mutex
		err := eachTile(planes, h, w, 1<<20, func(sc *pointScratch, z, y0, y1, x0, x1 int) {
			mu.Lock()
			defer mu.Unlock()
			scratch[sc] = true
			if y0%tileRows != 0 || x0%tileCols != 0 || y1 != min(h, y0+tileRows) || x1 != min(w, x0+tileCols) {
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
	if err := eachTile(1, 10, 10, 8, func(*pointScratch, int, int, int, int, int) { calls++ }); err != nil || calls != 1 {
		t.Fatalf("small work: %d calls, %v", calls, err)
	}
}

// TestEachTilePanicIsAnError: a panic in a tile comes back as an error.
func TestEachTilePanicIsAnError(t *testing.T) {
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	err := eachTile(2, 500, 500, 1<<20, func(_ *pointScratch, z, y0, _, x0, _ int) {
		if z == 1 && y0 == tileRows && x0 == tileCols { // the second row and column of tiles
			panic("tile failed")
		}
	})
	if err == nil || !strings.Contains(err.Error(), "tile failed") {
		t.Fatalf("err = %v, want the panic", err)
	}
}
