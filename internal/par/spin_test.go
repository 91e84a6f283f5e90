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
// the same partials every time. Each worker's part is split in chunks
// that shrink towards the part's end (guided scheduling), never under the
// grain except a part's last.
func TestChunksAreTheSameEveryCall(t *testing.T) {
	const n, grain, w = 4096, 8, 2
	chunks := func() [][2]int {
		var mu sync.Mutex
		var got [][2]int
		forWorkers(n, grain, w, func(lo, hi int) {
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
	partEnd := func(lo int) int { return (lo*w/n + 1) * n / w }
	for i, c := range first {
		if i > 0 && c[0] != first[i-1][1] {
			t.Fatalf("chunk %d %v does not follow %v", i, c, first[i-1])
		}
		if c[1] > partEnd(c[0]) {
			t.Fatalf("chunk %d %v crosses its part's end %d", i, c, partEnd(c[0]))
		}
		if c[1] < partEnd(c[0]) && c[1]-c[0] < grain {
			t.Fatalf("chunk %d %v under the grain", i, c)
		}
		if i > 0 && partEnd(c[0]) == partEnd(first[i-1][0]) && c[1]-c[0] > first[i-1][1]-first[i-1][0] {
			t.Fatalf("chunk %d %v larger than the one before in its part", i, c)
		}
	}
	if first[0][0] != 0 || first[len(first)-1][1] != n {
		t.Fatalf("chunks %v do not cover [0, %d)", first, n)
	}
}

// A worker runs its own part first, from its front, then the parts after
// it: the caller (worker 0) starts at 0 and a helper at its part, so that
// calls in a row give each core the rows it had. Run here by one worker
// alone, which must also finish the others' parts.
func TestWorkerTakesItsOwnPartFirst(t *testing.T) {
	const n, grain, w = 1000, 10, 4
	for id := range w {
		var got [][2]int
		task := newTask(n, grain, w, func(lo, hi int) { got = append(got, [2]int{lo, hi}) })
		task.work(id)
		if task.finished.Load() != n {
			t.Fatalf("worker %d alone: %d of %d items finished", id, task.finished.Load(), n)
		}
		if got[0][0] != id*n/w {
			t.Fatalf("worker %d started at %d, want its part's start %d", id, got[0][0], id*n/w)
		}
		seen := make([]int, n)
		rank := func(lo int) int { // lo's part, in the order the worker visits the parts
			i := 0
			for (i+1)*n/w <= lo {
				i++
			}
			return (i - id + w) % w
		}
		for k, c := range got {
			if k > 0 && rank(c[0]) != rank(got[k-1][0]) && (rank(c[0]) != rank(got[k-1][0])+1 || c[0] != (id+rank(c[0]))%w*n/w) {
				t.Fatalf("worker %d: chunk %v after %v, want the next part from its start", id, c, got[k-1])
			}
			for i := c[0]; i < c[1]; i++ {
				seen[i]++
			}
		}
		for i, v := range seen {
			if v != 1 {
				t.Fatalf("worker %d: item %d run %d times", id, i, v)
			}
		}
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
