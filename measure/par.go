package measure

import (
	"fmt"
	"runtime/debug"

	"github.com/gipsdev/gips/internal/par"
)

// nSlabs is how many slabs a pass over n rows is cut into: one per worker,
// so that each slab owns one set of per-label accumulators (merged at the
// end) and the memory is workers x labels, not chunks x labels.
func nSlabs(n int) int { return max(1, min(par.Workers(), n)) }

// slabs calls fn(k, lo, hi) for the nSlabs(n) slabs of [0, n), in parallel.
// The first error wins; a panic in a worker comes back as an error.
func slabs(n int, fn func(k, lo, hi int) error) error {
	k := nSlabs(n)
	errs := make([]error, k)
	par.For(k, 1, func(a, b int) {
		for s := a; s < b; s++ {
			func() {
				defer func() {
					if r := recover(); r != nil {
						errs[s] = fmt.Errorf("measure: internal error: %v\n%s", r, debug.Stack())
					}
				}()
				errs[s] = fn(s, s*n/k, (s+1)*n/k)
			}()
		}
	})
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// forEach calls fn(lo, hi) over [0, n) in parallel chunks of at least
// grain items, as par.For, and returns a panic in any call as an error.
func forEach(n, grain int, fn func(lo, hi int)) error {
	if err := par.Try(n, grain, fn); err != nil {
		return fmt.Errorf("measure: %w", err)
	}
	return nil
}
