package filter

import "github.com/gipsdev/gips/internal/scratch"

// Shared pair weights for the uint8 bilateral filter. The weight of a
// pixel c and a neighbour q at offset o, 2^max(kr·(q−c)² + ls(o), floor),
// is the same seen from either end: (q−c)² = (c−q)² exactly in float32,
// and ls(−o) = ls(o). So for each offset o = (dy, dx) of the upper half
// of the disk (dy > 0, or dy = 0 and dx > 0) the weights of row y and its
// neighbours at o are computed once, as a row P_o[y] (bl8Weights), and
// read by row y at +o and by row y+dy at −o: half the exponentials of
// bl8Go, which computes one per tap. Each weight has bl8Go's bits, and the
// sums (bl8Sum) add the taps in bl8Go's order, so the results are bl8Go's
// bit for bit (TestBilateralU8PairsMatchGo). The rows of P_o of the last
// r+1 image rows are kept in a ring: for a radius up to bl8PairRadius
// (the ring, 2r(r+1)²·4 bytes per pixel of width, then stays within a few
// MiB); a larger one runs bl8Go's way.

// bl8PairRadius is the largest radius whose weights are shared.
const bl8PairRadius = 4

// bl8Pairs is one worker's ring of pair-weight rows.
type bl8Pairs struct {
	r, w   int
	kr     float32
	halves []bl8Tap // the upper half's offsets (row dy+r, column dx+r)
	ring   [][]float32
	tags   []int
	ones   []float32 // w ones, from ringScratch
	taps   []bl8Tap
	half   []int // per tap: its offset's index in halves, -1 at the centre
	ws, qs [][]float32
	back   []float32 // the ring rows' memory, from ringScratch
}

// release gives the ring's memory back for another band's ring; s is not
// to be used after.
func (s *bl8Pairs) release() {
	scratch.Put(&ringScratch, s.back)
	scratch.Put(&ringScratch, s.ones)
	s.back, s.ring, s.ones = nil, nil, nil
}

func newBl8Pairs(taps []bl8Tap, r, w int, kr float32) *bl8Pairs {
	s := &bl8Pairs{r: r, w: w, kr: kr, taps: taps}
	ew := w + 2*r
	idx := map[[2]int]int{}
	for _, t := range taps {
		if dy, dx := t.row-r, t.col-r; dy > 0 || dy == 0 && dx > 0 {
			idx[[2]int{dy, dx}] = len(s.halves)
			s.halves = append(s.halves, t)
		}
	}
	for _, t := range taps {
		dy, dx := t.row-r, t.col-r
		k, ok := idx[[2]int{dy, dx}]
		if !ok {
			k, ok = idx[[2]int{-dy, -dx}]
		}
		if !ok {
			k = -1
		}
		s.half = append(s.half, k)
	}
	s.ring = make([][]float32, len(s.halves)*(r+1))
	s.tags = make([]int, len(s.ring))
	// The rows' memory from an earlier band's ring (ringScratch, a
	// scratch.Pool: a sync.Pool keeps what a band gives back on its P, and
	// a call that ran on the other P made it afresh): 2r(r+1)² rows of the
	// image's width, about 1 MiB at 4096 pixels, r 3 (its contents are
	// stale: the tags say no row is there). Allocated for each band, the
	// garbage of a call to the bench row was ten of these.
	s.back = scratch.Get[float32](&ringScratch, len(s.ring)*ew)
	for i := range s.ring {
		s.ring[i], s.tags[i] = s.back[i*ew:(i+1)*ew:(i+1)*ew], -1
	}
	s.ones = scratch.Get[float32](&ringScratch, w)
	for i := range s.ones {
		s.ones[i] = 1
	}
	s.ws, s.qs = make([][]float32, len(taps)), make([][]float32, len(taps))
	return s
}

// weights is the row of pair weights of offset k and the image row key+d
// (key: the unfolded index of the output row y, rows its extended rows
// y−r ... y+r, d in −r ... 0), computed when the ring lacks it.
func (s *bl8Pairs) weights(k, d int, rows [][]float32, key int) []float32 {
	i := k*(s.r+1) + mod(key+d, s.r+1)
	p := s.ring[i]
	if s.tags[i] != key+d {
		s.tags[i] = key + d
		h := s.halves[k]
		dy, dx := h.row-s.r, h.col-s.r
		// Where both ends lie in the extended rows.
		lo, hi := max(0, -dx), len(p)-max(0, dx)
		a, b := rows[s.r+d][lo:hi], rows[s.r+d+dy][lo+dx:hi+dx]
		n := hi - lo
		done := bl8WeightsVec(p[lo:hi], a, b, h.ls, s.kr)
		// The tail by the vector loop again over the last 16, some
		// recomputed (the same bits), not one exponential at a time.
		if t := n - 16; done < n && t >= 0 && bl8WeightsVec(p[lo+t:hi], a[t:], b[t:], h.ls, s.kr) == 16 {
			done = n
		}
		bl8WeightsGo(p[lo+done:hi], a[done:], b[done:], h.ls, s.kr)
	}
	return p
}

// row sets out to the filtered row of unfolded index key from its
// extended rows.
func (s *bl8Pairs) row(out []float32, rows [][]float32, key int) {
	r, w := s.r, s.w
	for i, t := range s.taps {
		dy, dx := t.row-r, t.col-r
		s.qs[i] = rows[t.row][t.col : t.col+w]
		switch k := s.half[i]; {
		case k < 0:
			s.ws[i] = s.ones
		case dy > 0 || dy == 0 && dx > 0:
			s.ws[i] = s.weights(k, 0, rows, key)[r : r+w]
		default: // −o: the weights of row y+dy, read at x+dx
			s.ws[i] = s.weights(k, dy, rows, key)[r+dx : r+dx+w]
		}
	}
	done := bl8SumVec(out, s.ws, s.qs)
	bl8SumGo(out[done:], s.ws, s.qs, done)
}

// bl8WeightsGo sets dst[i] to the weight of values a[i] and b[i] at an
// offset of spatial log-weight ls, as bl8Go computes it.
func bl8WeightsGo(dst, a, b []float32, ls, kr float32) {
	for i := range dst {
		d := b[i] - a[i]
		dst[i] = bl8Exp2(max(float32(float32(d*d)*kr)+ls, bl8Floor))
	}
}

// bl8SumGo sets out[i] (pixel x0+i) to Σ w·q / Σ w over the taps' weight
// and value rows ws and qs, in their order.
func bl8SumGo(out []float32, ws, qs [][]float32, x0 int) {
	for i := range out {
		var num, den float32
		for t, q := range qs {
			w := ws[t][x0+i]
			num += float32(w * q[x0+i])
			den += w
		}
		out[i] = num / den
	}
}

// bl8WeightsVec and bl8SumVec are the widest vector twins of bl8WeightsGo
// and bl8SumGo this CPU has (bilateral_u8_simd.go; none in the pure-Go
// build): they do a leading part of their rows and return how many
// pixels.
var (
	bl8WeightsVec = func(dst, a, b []float32, ls, kr float32) int { return 0 }
	bl8SumVec     = func(out []float32, ws, qs [][]float32) int { return 0 }
)
