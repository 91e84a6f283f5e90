package measure

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// moments are one label's exact integer sums over its pixels: count,
// first and second raw moments of the pixel indices (x, y, z), and the
// bounding box. Integer sums make the central moments exact (see
// centralMoments) whatever the order of the slabs.
type moments struct {
	n      int64
	s      [3]int64 // Σx, Σy, Σz
	ss     [6]int64 // Σxx, Σyy, Σzz, Σxy, Σxz, Σyz
	lo, hi [3]int32 // inclusive
}

// intens are one label's intensity sums (float64).
type intens struct {
	sum, min, max float64
	w             [3]float64 // Σ I·x, Σ I·y, Σ I·z
}

func (m *moments) merge(o *moments) {
	if o.n == 0 {
		return
	}
	if m.n == 0 {
		*m = *o
		return
	}
	m.n += o.n
	for a := range 3 {
		m.s[a] += o.s[a]
		m.lo[a] = min(m.lo[a], o.lo[a])
		m.hi[a] = max(m.hi[a], o.hi[a])
	}
	for a := range 6 {
		m.ss[a] += o.ss[a]
	}
}

// addRun adds the pixels x0..x1-1 of row (y, z).
func (m *moments) addRun(x0, x1, y, z int64) {
	k := x1 - x0
	sx := k * (x0 + x1 - 1) / 2
	sxx := sumSq(x1-1) - sumSq(x0-1)
	if m.n == 0 {
		m.lo = [3]int32{int32(x0), int32(y), int32(z)}
		m.hi = [3]int32{int32(x1 - 1), int32(y), int32(z)}
	} else {
		m.lo[0] = min(m.lo[0], int32(x0))
		m.hi[0] = max(m.hi[0], int32(x1-1))
		m.lo[1] = min(m.lo[1], int32(y))
		m.hi[1] = max(m.hi[1], int32(y))
		m.lo[2] = min(m.lo[2], int32(z))
		m.hi[2] = max(m.hi[2], int32(z))
	}
	m.n += k
	m.s[0] += sx
	m.s[1] += k * y
	m.s[2] += k * z
	m.ss[0] += sxx
	m.ss[1] += k * y * y
	m.ss[2] += k * z * z
	m.ss[3] += sx * y
	m.ss[4] += sx * z
	m.ss[5] += k * y * z
}

// sumSq is 0² + 1² + ... + k² (0 for k < 0).
func sumSq(k int64) int64 {
	if k <= 0 {
		return 0
	}
	return k * (k + 1) * (2*k + 1) / 6
}

// checkExact refuses an image whose second moments could overflow int64:
// pixels x (largest size)² must stay below 2^62 (every image up to about
// 4096³ passes).
func checkExact(li *labelImage) error {
	s := float64(max(li.w, li.h, li.d))
	if float64(li.w)*float64(li.h)*float64(li.d)*s*s >= 1<<62 {
		return fmt.Errorf("labels of %dx%dx%d pixels: too large for exact int64 moments: %w", li.w, li.h, li.d, ErrLabels)
	}
	return nil
}

type floatArgs struct {
	img *gips.Image
	row *func(z, y int, buf []float64) []float64
}

func floatRows[T gips.Pixel](a floatArgs) error {
	ps, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	*a.row = func(z, y int, buf []float64) []float64 {
		r := ps[z].Row(y)
		if f, ok := any(r).([]float64); ok {
			return f
		}
		for i, v := range r {
			buf[i] = float64(v)
		}
		return buf[:len(r)]
	}
	return nil
}

// intensityRows reads an intensity image's rows as float64.
func intensityRows(img *gips.Image, li *labelImage) (func(z, y int, buf []float64) []float64, error) {
	g := img.Geometry()
	if g.SizeX != li.w || g.SizeY != li.h || g.SizeZ != li.d || g.SizeC != 1 || g.SizeT != 1 {
		return nil, fmt.Errorf("intensity image %v: want one channel of the labels' sizes %dx%dx%d: %w", g, li.w, li.h, li.d, ErrParam)
	}
	var row func(z, y int, buf []float64) []float64
	err := gips.Dispatch(g.Type, gips.AllKernels(floatRows[uint8], floatRows[int8], floatRows[uint16], floatRows[int16],
		floatRows[uint32], floatRows[int32], floatRows[float32], floatRows[float64]), floatArgs{img, &row})
	if err != nil {
		return nil, fmt.Errorf("intensity image: %w", err)
	}
	return row, nil
}

// partial is one slab's accumulators, indexed by table row.
type partial struct {
	mom []moments
	in  []intens
}

// accumulate runs the moments (and intensity) pass over every row, one
// slab per worker, and merges the slabs.
func accumulate(li *labelImage, ix *index, irow func(z, y int, buf []float64) []float64) (*partial, error) {
	nl := len(ix.labels)
	rows := li.h * li.d
	parts := make([]*partial, nSlabs(rows))
	err := slabs(rows, func(k, lo, hi int) error {
		p := &partial{mom: scratch.Get[moments](&pool, nl)}
		clear(p.mom)
		var ibuf []float64
		if irow != nil {
			p.in = scratch.Get[intens](&pool, nl)
			clear(p.in)
			ibuf = make([]float64, li.w)
		}
		parts[k] = p
		buf := make([]uint32, li.w)
		for r := lo; r < hi; r++ {
			z, y := r/li.h, r%li.h
			row, err := li.row(z, y, buf)
			if err != nil {
				return err
			}
			var vals []float64
			if irow != nil {
				vals = irow(z, y, ibuf)
			}
			for x0 := 0; x0 < len(row); {
				v := row[x0]
				x1 := x0 + 1
				for x1 < len(row) && row[x1] == v {
					x1++
				}
				if v != 0 {
					i := ix.of(v)
					p.mom[i].addRun(int64(x0), int64(x1), int64(y), int64(z))
					if vals != nil {
						p.in[i].addRun(vals[x0:x1], x0, y, z, p.mom[i].n == int64(x1-x0))
					}
				}
				x0 = x1
			}
		}
		return nil
	})
	if err != nil {
		for _, p := range parts {
			p.release()
		}
		return nil, err
	}
	out := parts[0]
	for _, p := range parts[1:] {
		for i := range p.mom {
			first := out.mom[i].n == 0
			out.mom[i].merge(&p.mom[i])
			if out.in != nil && p.mom[i].n != 0 {
				out.in[i].merge(&p.in[i], first)
			}
		}
		p.release()
	}
	return out, nil
}

// pool holds the passes' per-label accumulators between calls: a table of
// a few hundred thousand labels takes tens of megabytes a worker, which,
// made fresh, cost a page fault every 4 KiB on every call.
var pool scratch.Pool

// release gives p's accumulators back to the pool (p may be nil, as a
// slab that never ran); p is not used after.
func (p *partial) release() {
	if p == nil {
		return
	}
	scratch.Put(&pool, p.mom)
	scratch.Put(&pool, p.in)
	p.mom, p.in = nil, nil
}

func (s *intens) addRun(v []float64, x0, y, z int, first bool) {
	if first {
		s.min, s.max = math.Inf(1), math.Inf(-1)
	}
	var sum, wx float64
	for i, f := range v {
		sum += f
		wx += f * float64(x0+i)
		s.min = min(s.min, f)
		s.max = max(s.max, f)
	}
	s.sum += sum
	s.w[0] += wx
	s.w[1] += sum * float64(y)
	s.w[2] += sum * float64(z)
}

func (s *intens) merge(o *intens, first bool) {
	if first {
		*s = *o
		return
	}
	s.sum += o.sum
	s.min = min(s.min, o.min)
	s.max = max(s.max, o.max)
	for a := range 3 {
		s.w[a] += o.w[a]
	}
}
