package transform

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/gipsdev/gips/internal/par"
)

// eachTile calls fn on every tile (ts.rows by ts.cols, the last ones
// cut at the edges) of planes planes of height by width pixels, in
// parallel, with a scratch of the worker's own, and turns a panic in fn
// into an error. The tiles are handed out in chunks of consecutive tiles
// (plane, tile row, tile column: row-major) that shrink to a single tile
// towards the end, so that the workers finish within about a tile of each
// other. The rows par.Bands hands out shrink to a thirty-second of the
// plane only, 128 rows of a 4096² rotation: a worker that takes the last
// band leaves the other idle for up to 3% of the whole work, which at two
// threads is 6% of the wall time; a tile is 1/256 of it. Tiles of one
// row of the output cost differently (a rotation's corners take the
// clamped path), which the chunks balance as they go. rowCost is the
// bytes of work of an output row, which decides, as for bands, whether the
// work is worth a second worker.
func eachTile(planes, height, width, rowCost int, ts tileShape, fn func(sc *pointScratch, z, y0, y1, x0, x1 int)) (err error) {
	th, tw := (height+ts.rows-1)/ts.rows, (width+ts.cols-1)/ts.cols
	q := &tileQueue{n: planes * th * tw}
	if q.n == 0 {
		return nil
	}
	q.w = min(par.Workers(), q.n, max(1, planes*height/par.Grain(rowCost)))
	var once sync.Once
	par.For(q.w, 1, func(lo, hi int) {
		defer func() {
			if r := recover(); r != nil {
				once.Do(func() { err = fmt.Errorf("transform: internal error: %v", r) })
			}
		}()
		sc := new(pointScratch)
		for {
			lo, hi, ok := q.take()
			if !ok {
				return
			}
			for i := lo; i < hi; i++ {
				z, r := i/(th*tw), i%(th*tw)
				y0, x0 := r/tw*ts.rows, r%tw*ts.cols
				fn(sc, z, y0, min(height, y0+ts.rows), x0, min(width, x0+ts.cols))
			}
		}
	})
	return err
}

// tileQueue hands out the tiles [0, n) to w workers: par's guided
// self-scheduling (a chunk is the share left over twice the workers) down
// to single tiles.
type tileQueue struct {
	next atomic.Int64
	n, w int
}

func (q *tileQueue) take() (lo, hi int, ok bool) {
	for {
		l := q.next.Load()
		if l >= int64(q.n) {
			return 0, 0, false
		}
		lo = int(l)
		hi = min(q.n, lo+max(1, (q.n-lo)/(2*q.w)))
		if q.next.CompareAndSwap(l, int64(hi)) {
			return lo, hi, true
		}
	}
}
