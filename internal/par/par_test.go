package par

import (
	"runtime"
	"slices"
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

// ForWork and BandsWork visit every index once whatever the work, and run
// small work on the calling goroutine (a panic there is the caller's own,
// not a *Panic from a worker).
func TestForWorkCoversAndInlinesSmallWork(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000, 12345} {
		for _, bytes := range []int{0, 1000, InlineBytes - 1, InlineBytes, 64 << 20} {
			hits := make([]int32, n)
			var mu sync.Mutex
			ForWork(n, 1, bytes, func(lo, hi int) {
				mu.Lock()
				defer mu.Unlock()
				for i := lo; i < hi; i++ {
					hits[i]++
				}
			})
			for i, h := range hits {
				if h != 1 {
					t.Fatalf("n=%d bytes=%d: index %d visited %d times", n, bytes, i, h)
				}
			}
		}
	}
	calls := 0
	ForWork(1000, 1, InlineBytes-1, func(lo, hi int) { calls++ }) // no lock: one goroutine
	if calls != 1 {
		t.Fatalf("small work: %d calls, want 1 on the caller", calls)
	}
	defer func() {
		if r := recover(); r != "inline" {
			t.Fatalf("small work panic: got %v, want the caller's own panic", r)
		}
	}()
	BandsWork(3, 10, 100, func(p, y0, y1 int) { panic("inline") })
}

func TestBandsWorkCoversEveryRow(t *testing.T) {
	for _, rowBytes := range []int{1, 3 << 10, 1 << 20} {
		const planes, height = 4, 513
		var mu sync.Mutex
		seen := make([]int, planes*height)
		BandsWork(planes, height, rowBytes, func(p, y0, y1 int) {
			mu.Lock()
			defer mu.Unlock()
			for y := y0; y < y1; y++ {
				seen[p*height+y]++
			}
		})
		for i, v := range seen {
			if v != 1 {
				t.Fatalf("rowBytes %d: row %d visited %d times", rowBytes, i, v)
			}
		}
	}
}

// Small work runs whole planes in order on the caller, without an
// allocation (the per-call cost of a small op).
func TestBandsWorkInlineWholePlanesNoAlloc(t *testing.T) {
	var got [][3]int
	BandsWork(3, 10, 100, func(p, y0, y1 int) { got = append(got, [3]int{p, y0, y1}) })
	want := [][3]int{{0, 0, 10}, {1, 0, 10}, {2, 0, 10}}
	if !slices.Equal(got, want) {
		t.Fatalf("calls %v, want %v", got, want)
	}
	BandsWork(0, 10, 100, func(p, y0, y1 int) { t.Fatal("no planes: no call") })
	BandsWork(2, 0, 100, func(p, y0, y1 int) { t.Fatal("no rows: no call") })
	rows := 0
	count := func(p, y0, y1 int) { rows += y1 - y0 }
	if a := testing.AllocsPerRun(100, func() { BandsWork(2, 64, 64, count) }); a != 0 {
		t.Fatalf("inline BandsWork: %v allocations per call, want 0", a)
	}
	if rows != 101*2*64 {
		t.Fatalf("%d rows visited, want %d", rows, 101*2*64)
	}
}

// OnCaller is true exactly where ForWork runs its work on the caller, as
// one call over the whole range: under InlineBytes, and for any work at
// GOMAXPROCS 1 (gips.setNumThreads(1)); elsewhere ForWork splits it.
func TestOnCaller(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		for _, bytes := range []int{0, 1000, InlineBytes - 1, InlineBytes, 64 << 20} {
			var mu sync.Mutex
			var calls [][2]int
			ForWork(1<<16, 1, bytes, func(lo, hi int) {
				mu.Lock()
				calls = append(calls, [2]int{lo, hi})
				mu.Unlock()
			})
			whole := len(calls) == 1 && calls[0] == [2]int{0, 1 << 16}
			want := procs == 1 || bytes < InlineBytes
			if got := OnCaller(bytes); got != want || whole != want {
				t.Errorf("GOMAXPROCS %d, %d bytes: OnCaller %v, ForWork in %d calls; want OnCaller %v", procs, bytes, got, len(calls), want)
			}
		}
	}
}
