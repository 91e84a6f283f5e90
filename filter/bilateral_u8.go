package filter

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
)

// The bilateral filter of a 2D UInt8 image into UInt8 (the same-type
// output), as OpenCV's bilateralFilter does it: float32 sums over the
// disk, 16 or 8 pixels per vector instruction (AVX-512, AVX2). OpenCV
// looks its range weight up in a table indexed by |difference| (a gather
// per tap); archsimd has no gather, so each weight is computed instead,
// spatial and range together, as one exponential, once for the two
// pixels of a pair up to radius bl8PairRadius (bilateral_u8_pairs.go):
//
//	w = 2^z, z = max(kr·d² + ls, -125), kr = -log2(e)/2σr², ls = -log2(e)·|o|²/2σs²
//
// 2^z = 2^n·2^f with n = z rounded to even and |f| <= 1/2, 2^f by a
// degree-4 minimax polynomial (relative error below 3e-6), 2^n added to
// the exponent bits (n by bl8Round). The centre tap's weight is exactly
// 1, so a clamped weight (below 2^-125) moves nothing that a UInt8 output
// shows.
//
// Error: every weight is within a relative 1e-5 of the exact one (the
// float32 rounding of z, at most 125 in size, adds 1.5e-5·|z|/125), and the
// float32 sums of at most a few thousand terms add a relative 1e-4 at
// worst, so the quotient is within 0.03 grey level of the float64 value
// (a weighted mean of values 0 ... 255): the output, rounded half away
// from zero, equals the float64 path's or is one off, and only when that
// value lies within 0.03 of a half (TestBilateralU8MatchesFloat64). OpenCV,
// also within a small error of the exact value, is then at most one off.

// bl8Tap is one offset of the disk: its row (0 ... 2r) and column
// (0 ... 2r) in the extended rows, and its spatial log-weight.
type bl8Tap struct {
	row, col int
	ls       float32
}

// bl8Floor is the least exponent z the weights take.
const bl8Floor = float32(-125)

// bl8Round rounds a float32 z, |z| < 2^22, to an integer n by the
// float32 addition z + bl8Round, which rounds to even: the sum is
// bl8Round + n exactly, and its bits shifted left by 23 are n<<23 (the
// low 9 bits of bl8Round's are 0), 2^n's exponent bits. Two additions and
// a shift, where a round and a conversion to int32 cost three vector µops.
const bl8Round = float32(3 << 22)

// bl8Poly are c1 ... c4 of 2^f ≈ 1 + c1·f + ... + c4·f⁴ on [-1/2, 1/2], a
// minimax fit of the relative error (2.9e-6 with these float32 values).
var bl8Poly = [4]float32{0.6931241750717163, 0.24024099111557007, 0.05590642988681793, 0.009582853876054287}

// bl8Kernel is a vector twin of bl8Go: it does a leading part of out and
// returns how many pixels.
type bl8Kernel func(out []float32, rows [][]float32, taps []bl8Tap, kr float32) int

// bl8Vec is the widest vector twin this CPU has (set by
// bilateral_u8_simd.go; in the pure-Go build none, it does no pixel).
var bl8Vec bl8Kernel = func([]float32, [][]float32, []bl8Tap, float32) int { return 0 }

// bl8Tier is one width's vector twins of bl8Go, bl8WeightsGo and bl8SumGo;
// bl8Tiers are those this CPU has, widest first (the widest in use), for
// the tests.
type bl8Tier struct {
	direct  bl8Kernel
	weights func(dst, a, b []float32, ls, kr float32) int
	sum     func(out []float32, ws, qs [][]float32) int
}

var bl8Tiers []bl8Tier

// use makes t the vector twins in use.
func (t bl8Tier) use() { bl8Vec, bl8WeightsVec, bl8SumVec = t.direct, t.weights, t.sum }

// bl8Go sets out[i] (pixel x = x0+i) to the bilateral mean over the taps:
// rows are the 2r+1 extended rows y-r ... y+r, pixel x of the image at
// index x+r.
func bl8Go(out []float32, rows [][]float32, taps []bl8Tap, kr float32, x0 int) {
	r := len(rows) / 2
	for i := range out {
		x := x0 + i
		c := rows[r][x+r]
		var num, den float32
		for _, t := range taps {
			q := rows[t.row][x+t.col]
			d := q - c
			z := float32(float32(d*d)*kr) + t.ls
			w := bl8Exp2(max(z, bl8Floor))
			num += float32(w * q)
			den += w
		}
		out[i] = num / den
	}
}

// bl8Exp2 is 2^z for z >= bl8Floor, as the vector loops compute it.
func bl8Exp2(z float32) float32 {
	c4, c3, c2, c1 := bl8Poly[3], bl8Poly[2], bl8Poly[1], bl8Poly[0]
	t := z + bl8Round // z rounded to even, in t's low bits
	f := z - (t - bl8Round)
	p := float32(float32(c4*f) + c3)
	p = float32(float32(p*f) + c2)
	p = float32(float32(p*f) + c1)
	p = float32(float32(p*f) + 1)
	return math.Float32frombits(math.Float32bits(p) + math.Float32bits(t)<<23)
}

// bilateralU8 filters the planes of a 2D UInt8 image into UInt8 ones
// (see above); the caller has checked the parameters, sizes and modes.
func bilateralU8(dst, src *gips.Image, r int, ss, sr float64, c config) error {
	sp, err := gips.Planes[uint8](src)
	if err != nil {
		return err
	}
	dp, err := gips.WritablePlanes[uint8](dst)
	if err != nil {
		return err
	}
	var taps []bl8Tap
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			if d2 := dx*dx + dy*dy; d2 <= r*r {
				taps = append(taps, bl8Tap{dy + r, dx + r, float32(-math.Log2E * float64(d2) / (2 * ss * ss))})
			}
		}
	}
	kr := float32(-math.Log2E / (2 * sr * sr))
	w, h := sp[0].Width, sp[0].Height
	cval := float32(c.cval)
	return par.Try(len(sp)*h, max(4, par.Grain(4*w*len(taps)/8)), func(lo, hi int) {
		span, ew := 2*r+1, w+2*r
		// ring and q from the pool (made afresh, the bands' rows faulted
		// in about 150 pages a call at 4096x4096): the tags say no row is
		// in the ring yet, and every row's sums write q in full.
		ring := scratch.Get[float32](&ringScratch, span*ew)
		defer scratch.Put(&ringScratch, ring)
		tags := make([]int, span)
		for i := range tags {
			tags[i] = -1
		}
		rows := make([][]float32, span)
		q := scratch.Get[float32](&ringScratch, w)
		defer scratch.Put(&ringScratch, q)
		var cvRow []float32
		var pairs *bl8Pairs
		if r <= bl8PairRadius {
			pairs = newBl8Pairs(taps, r, w, kr)
			defer pairs.release()
		}
		for l := lo; l < hi; l++ {
			p, y := l/h, l%h
			for j := range rows {
				s, ok := inside(y+j-r, h, c.mode)
				if !ok {
					if cvRow == nil {
						cvRow = make([]float32, ew)
						for i := range cvRow {
							cvRow[i] = cval
						}
					}
					rows[j] = cvRow
					continue
				}
				// Keyed by the unfolded row: the rows a pixel reads then
				// take distinct slots (a folded row index may not).
				e := p*(h+2*r) + y + j
				slot := mod(y+j, span)
				row := ring[slot*ew : (slot+1)*ew]
				if tags[slot] != e {
					bl8Extend(row, sp[p].Row(s), r, c.mode, cval)
					tags[slot] = e
				}
				rows[j] = row
			}
			if pairs != nil {
				pairs.row(q, rows, p*(h+2*r)+y+r)
			} else {
				done := bl8Vec(q, rows, taps, kr)
				bl8Go(q[done:], rows, taps, kr, done)
			}
			bl8Store(dp[p].Row(y), q)
		}
	})
}

// bl8Extend sets ext to the row converted to float32 with r pixels on
// each side by the mode (cval in Constant mode).
func bl8Extend(ext []float32, row []uint8, r int, m Mode, cval float32) {
	n := len(row)
	mid := ext[r : r+n]
	done := widenVec8(mid, row)
	for i, v := range row[done:] {
		mid[done+i] = float32(v)
	}
	for i := range r {
		ext[i], ext[r+n+i] = cval, cval
		if j, ok := inside(i-r, n, m); ok {
			ext[i] = mid[j]
		}
		if j, ok := inside(n+i, n, m); ok {
			ext[r+n+i] = mid[j]
		}
	}
}

// bl8Store rounds the means (0 ... 255, float32, exact in float64) half
// away from zero into out.
func bl8Store(out []uint8, q []float32) {
	done := bl8StoreVec(out, q)
	for i, v := range q[done:len(out)] {
		out[done+i] = uint8(min(max(float64(v)+0.5, 0), 255))
	}
}

// bl8StoreVec is bl8Store's vector loop: it stores a leading part of out
// and returns how many pixels. The filters' general store (scaled, NaN
// and range checks) unless the CPU has AVX-512 (bilateral_u8_simd.go).
var bl8StoreVec = func(out []uint8, q []float32) int { return simdStore(false, out, q, 1) }
