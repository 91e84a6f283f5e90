// Package par is the one place where gips starts goroutines. Kernels are
// single-threaded over the range they are given; par splits an image's work
// over planes or row bands across GOMAXPROCS workers.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers is the number of goroutines a call uses: GOMAXPROCS, read on each
// call so that a user who lowers it is obeyed.
func Workers() int { return runtime.GOMAXPROCS(0) }

// For calls fn on consecutive sub-ranges [lo, hi) that cover [0, n), in
// parallel. Ranges hold at least grain items (grain < 1 means 1), and there
// are a few per worker so that uneven work balances. fn must be safe to call
// concurrently on disjoint ranges. For returns when every call has.
func For(n, grain int, fn func(lo, hi int)) {
	if n <= 0 {
		return
	}
	grain = max(grain, 1)
	w := Workers()
	chunk := max(grain, (n+4*w-1)/(4*w))
	chunks := (n + chunk - 1) / chunk
	if w == 1 || chunks == 1 {
		fn(0, n)
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(w, chunks) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				c := int(next.Add(1) - 1)
				if c >= chunks {
					return
				}
				fn(c*chunk, min(n, (c+1)*chunk))
			}
		}()
	}
	wg.Wait()
}

// Bands splits the rows of planes planes of height rows each into bands and
// calls fn(plane, y0, y1) for each, in parallel: small 3D planes and large
// 2D images both keep every worker busy. minRows is the smallest band worth
// a call.
func Bands(planes, height, minRows int, fn func(plane, y0, y1 int)) {
	For(planes*height, minRows, func(lo, hi int) {
		for lo < hi {
			p, y := lo/height, lo%height
			end := min(hi-p*height, height)
			fn(p, y, end)
			lo = p*height + end
		}
	})
}

// Grain is a band height that gives each call about 64 KiB of work for rows
// of rowBytes bytes.
func Grain(rowBytes int) int { return max(1, (64<<10)/max(rowBytes, 1)) }
