package distance

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
)

// The transform of one 2D plane with the same sampling along x and y, no
// features, straight into the output: every squared distance in pixels
// is an integer, so the passes run on integers (exact, like the float64
// passes, which compute the same integers in unit sampling) and keep 2
// bytes a pixel between them instead of 8.
//
// The plane is cut into strips of rows. Pass 1 (parallel over strips)
// scans each strip down: every pixel's distance to the nearest zero above
// or at it inside the strip (uint16, none: noZero), and each column's
// first zero in the strip. A short sequential step carries, per strip and
// column, the distance to the nearest zero above the strip and below it.
// Pass 2 (parallel over strips) scans each strip up, row by row: the
// column distance is the smaller of the two directions, and while the
// row is in L1 the envelope along x writes its square roots to the
// output. One read of the source, one write and read of the uint16 map,
// one write of the output.

const (
	noZero = math.MaxUint16 // pass 1: no zero above in the strip
	farCol = int32(1 << 30) // no zero in the column (in that direction)
	// maxPlane2D bounds the sizes of the integer path: squared distances
	// and the envelope's cross products (< 2^61) stay in int64.
	maxPlane2D = 1 << 20
)

// planeOK says whether the (unsigned) transform of v takes the integer
// path: a 2D image, square pixels, no features.
func (v *volume) planeOK() bool {
	return v.sz == 1 && v.feat == nil && v.w[0] == v.w[1] &&
		v.sx <= maxPlane2D && v.sy <= maxPlane2D
}

type plane2DArgs struct {
	v      *volume
	img    *gips.Image
	plane0 int
}

// stripRows: strips small enough for several per worker (the blobs'
// density varies along y), large enough that the carries stay small.
func stripRows(sy int) int {
	return min(noZero-1, max(32, sy/(8*par.Workers())))
}

func plane2D[T gips.Pixel](a plane2DArgs) error {
	planes, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	v := a.v
	sx, sy := v.sx, v.sy
	p := planes[a.plane0]
	h := stripRows(sy)
	ns := (sy + h - 1) / h
	down := scratch.Get[uint16](&pool, sx*sy)
	defer scratch.Put(&pool, down)
	// first: each strip's first zero per column (offset from its top row),
	// then the carries: above, the distance from the row above the strip
	// to the nearest zero at or above it; below, from the row below the
	// strip to the nearest zero at or below it.
	// From the pool as down (made afresh, the three faulted in a few
	// hundred pages a call at 4096x4096, 10 us each on the bench's VM):
	// the strips write first in full, above and below are set for every
	// strip below (the first's above and the last's below to farCol).
	strips := scratch.Get[int32](&pool, 3*ns*sx)
	defer scratch.Put(&pool, strips)
	first, above, below := strips[:ns*sx], strips[ns*sx:2*ns*sx], strips[2*ns*sx:]
	// The band rows below come from the pool as well (made afresh, about
	// 180 faults a call at 4096x4096): c is reset at every strip, cur
	// copied in, col written in full, and rowGapsInt writes d2 in full and
	// env, g before it reads them.
	err = parallel(ns, 1, func(lo, hi int) {
		c := scratch.Get[int32](&pool, sx)
		defer scratch.Put(&pool, c)
		for s := lo; s < hi; s++ {
			y0, y1 := s*h, min(sy, s*h+h)
			fz := first[s*sx : (s+1)*sx]
			for x := range c {
				c[x], fz[x] = noZero, farCol
			}
			for y := y0; y < y1; y++ {
				src := p.Row(y)[:sx]
				dn := down[y*sx : (y+1)*sx]
				c := c[:len(src)]
				fz := fz[:len(src)]
				dy := int32(y - y0)
				for x, px := range src {
					d := min(c[x]+1, noZero)
					f := farCol
					if px == 0 {
						d, f = 0, dy
					}
					c[x] = d
					dn[x] = uint16(d)
					fz[x] = min(fz[x], f)
				}
			}
		}
	})
	if err != nil {
		return err
	}
	for x := range sx {
		above[x] = farCol
		below[(ns-1)*sx+x] = farCol
	}
	for s := 1; s < ns; s++ {
		hp := int32(h) // the strip above is full
		last := down[(s*h-1)*sx : s*h*sx]
		ab, prev := above[s*sx:(s+1)*sx], above[(s-1)*sx:s*sx]
		for x, d := range last {
			ab[x] = int32(d)
			if d == noZero {
				ab[x] = min(farCol, prev[x]+hp)
			}
		}
	}
	for s := ns - 2; s >= 0; s-- {
		hn := int32(min(sy, (s+2)*h) - (s+1)*h) // rows of the strip below
		be, next, fz := below[s*sx:(s+1)*sx], below[(s+1)*sx:(s+2)*sx], first[(s+1)*sx:(s+2)*sx]
		for x, f := range fz {
			be[x] = f
			if f == farCol {
				be[x] = min(farCol, next[x]+hn)
			}
		}
	}
	scale := v.w[0]
	// the roots of the small squared distances, most of them, by table:
	// the same values, without a square root each
	var t32 [rootTab]float32
	var t64 [rootTab]float64
	for d := range t64 {
		t64[d] = root(int64(d), scale)
		t32[d] = float32(t64[d])
	}
	return parallel(ns, 1, func(lo, hi int) {
		rows32 := scratch.Get[int32](&pool, 3*sx)
		defer scratch.Put(&pool, rows32)
		rows64 := scratch.Get[int64](&pool, 2*sx)
		defer scratch.Put(&pool, rows64)
		cur, col, env := rows32[:sx], rows32[sx:2*sx], rows32[2*sx:]
		d2, g := rows64[:sx], rows64[sx:]
		for s := lo; s < hi; s++ {
			y0, y1 := s*h, min(sy, s*h+h)
			ab := above[s*sx : (s+1)*sx]
			copy(cur, below[s*sx:(s+1)*sx])
			for y := y1 - 1; y >= y0; y-- {
				dn := down[y*sx : (y+1)*sx]
				col, cur, ab := col[:len(dn)], cur[:len(dn)], ab[:len(dn)]
				k := int32(y-y0) + 1
				for x, d := range dn {
					up := cur[x] + 1
					dd := int32(d)
					if d == noZero {
						dd = ab[x] + k
					}
					if d == 0 {
						up = 0
					}
					cur[x] = up
					col[x] = min(dd, up)
				}
				rowGapsInt(col, d2, env, g)
				r32, r64 := v.out(0, y)
				if r32 != nil {
					r32 = r32[:len(d2)]
					for x, d := range d2 {
						if uint64(d) < rootTab {
							r32[x] = t32[d]
							continue
						}
						r32[x] = float32(root(d, scale))
					}
					continue
				}
				r64 = r64[:len(d2)]
				for x, d := range d2 {
					if uint64(d) < rootTab {
						r64[x] = t64[d]
						continue
					}
					r64[x] = root(d, scale)
				}
			}
		}
	})
}

// infD2 marks a squared distance of +Inf (no zero in the row's reach).
const infD2 = math.MaxInt64

// rootTab is the size of the square root tables: 24 KB, in L1 or L2.
const rootTab = 2048

// root is the distance of squared distance d in pixels, w the squared
// pixel size: in unit sampling the float64 transform's value exactly.
func root(d int64, w float64) float64 {
	if d == infD2 {
		return math.Inf(1)
	}
	return math.Sqrt(float64(d) * w)
}

// rowGapsInt is envelopeGaps on integers: col holds each pixel's distance
// to the nearest zero of its column (>= farCol: none), d2 gets the
// squared distance to the nearest zero of the plane (infD2: none). v and g
// are scratch of the row's length.
func rowGapsInt(col []int32, d2 []int64, v []int32, g []int64) {
	n := len(col)
	d2 = d2[:n]
	a := -1 // the last zero
	for x := 0; x <= n; x++ {
		if x < n && col[x] != 0 {
			continue
		}
		switch l := x - a - 1; {
		case l == 0:
		case l <= shortGap && a >= 0 && x < n:
			shortInt(col[a:x+1], d2[a:x+1])
		default: // a gap (a, x)
			lo, hi := max(a, 0), min(x+1, n)
			envelopeInt(col[lo:hi], d2[lo:hi], v, g)
		}
		if x < n {
			d2[x] = 0
		}
		a = x
	}
}

// shortGap is the longest gap between two zeros of a row that shortInt
// takes: most gaps of ragged blobs are a few pixels long, where the
// envelope's set-up and branches cost more than trying every pair.
const shortGap = 16

// shortInt is the envelope of a gap with zeros at both ends (f[0] and
// f[len-1]) by brute force: a pixel t samples from the nearer end is at
// most t^2, at most f[q]^2 (its own column), and nearer only to a sample
// within t of it (every sample between the ends is >= 1).
func shortInt(f []int32, d []int64) {
	n := len(f) - 1
	d = d[:n+1]
	for q := 1; q < n; q++ {
		t := min(q, n-q, int(f[q]))
		best := int64(t * t)
		for p := q - t + 1; p < q+t; p++ {
			fp, dp := int64(f[p]), int64(q-p)
			best = min(best, dp*dp+fp*fp)
		}
		d[q] = best
	}
}

// envelopeInt is envelopeDist in exact integer arithmetic, on column
// distances f (squared here; >= farCol takes no part): d[q] = min over p
// of (q-p)^2 + f[p]^2. The lines are at most maxPlane2D long, so g < 2^41
// and its cross products < 2^61.
func envelopeInt(f []int32, d []int64, v []int32, g []int64) {
	n := len(f)
	k := -1
	for q := 0; q < n; q++ {
		fq := f[q]
		if fq >= farCol {
			continue
		}
		gq := int64(fq)*int64(fq) + int64(q)*int64(q)
		for k > 0 {
			r, p := v[k], v[k-1]
			if (gq-g[k])*int64(r-p) > (g[k]-g[k-1])*int64(int32(q)-r) {
				break
			}
			k--
		}
		k++
		v[k], g[k] = int32(q), gq
	}
	if k < 0 {
		for q := range d {
			d[q] = infD2
		}
		return
	}
	j := 0
	d = d[:n]
	for q := 0; q < n; q++ {
		for j < k && g[j+1]-g[j] < 2*int64(q)*int64(v[j+1]-v[j]) {
			j++
		}
		r := int64(v[j])
		d[q] = g[j] + int64(q)*(int64(q)-2*r)
	}
}
