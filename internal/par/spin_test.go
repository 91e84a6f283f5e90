package par

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// Calls that follow one another hand their work to spinning helpers; every
// index is still visited once, with any mix of call sizes, and no call
// leaves its task in the mailbox (where it would keep its images alive).
func TestSpinningHelpersCoverEachIndexOnce(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	for i := range 300 {
		n := []int{1, 2, 17, 1000, 4096}[i%5]
		bytes := []int{1000, InlineBytes, 64 << 20}[i%3]
		hits := make([]int32, n)
		var mu sync.Mutex
		ForWork(n, 1+i%7, bytes, func(lo, hi int) {
			mu.Lock()
			defer mu.Unlock()
			for j := lo; j < hi; j++ {
				hits[j]++
			}
		})
		for j, h := range hits {
			if h != 1 {
				t.Fatalf("call %d n=%d: index %d visited %d times", i, n, j, h)
			}
		}
		if m := mailbox.Load(); m != nil {
			t.Fatalf("call %d: a task left in the mailbox", i)
		}
	}
}

// Concurrent callers share the helpers: each call still covers its own
// range once.
func TestSpinningHelpersConcurrentCallers(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				n := 100 + 37*g + i
				hits := make([]int32, n)
				var mu sync.Mutex
				ForWork(n, 3, InlineBytes, func(lo, hi int) {
					mu.Lock()
					defer mu.Unlock()
					for j := lo; j < hi; j++ {
						hits[j]++
					}
				})
				for _, h := range hits {
					if h != 1 {
						errs <- "an index not visited once"
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// The chunks of a call depend on n, grain and the worker count only, not
// on which worker takes which: a reduction with a partial per chunk sums
// the same partials every time. They shrink towards the end (guided
// scheduling) and are never under the grain, except the last.
func TestChunksAreTheSameEveryCall(t *testing.T) {
	chunks := func() [][2]int {
		var mu sync.Mutex
		var got [][2]int
		forWorkers(4096, 8, 2, func(lo, hi int) {
			mu.Lock()
			got = append(got, [2]int{lo, hi})
			mu.Unlock()
		})
		slices.SortFunc(got, func(a, b [2]int) int { return a[0] - b[0] })
		return got
	}
	first := chunks()
	for i := range 50 {
		if got := chunks(); !slices.Equal(got, first) {
			t.Fatalf("call %d: chunks %v, first call %v", i, got, first)
		}
	}
	for i, c := range first {
		if i > 0 && c[0] != first[i-1][1] {
			t.Fatalf("chunk %d %v does not follow %v", i, c, first[i-1])
		}
		if i < len(first)-1 && c[1]-c[0] < 8 {
			t.Fatalf("chunk %d %v under the grain", i, c)
		}
		if i > 0 && c[1]-c[0] > first[i-1][1]-first[i-1][0] {
			t.Fatalf("chunk %d %v larger than the one before", i, c)
		}
	}
	if first[0][0] != 0 || first[len(first)-1][1] != 4096 {
		t.Fatalf("chunks %v do not cover [0, 4096)", first)
	}
}

// Helpers stop spinning on their own once no call comes (the time bound
// is a hang guard only).
func TestHelpersStopSpinning(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	ForWork(4096, 1, 64<<20, func(lo, hi int) {})
	deadline := time.Now().Add(30 * time.Second)
	for spinning.Load() != 0 {
		if time.Now().After(deadline) {
			t.Fatal("helpers still spinning 30 s after the last call")
		}
		time.Sleep(time.Millisecond)
	}
}
