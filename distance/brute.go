package distance

import (
	"math"

	"github.com/gipsdev/gips/internal/scratch"
)

// The envelopes along x (2D and 3D) and z (3D) without features are taken
// by brute force over a window, with the lower envelope as the fallback.
// A sample q's result min over p of f[p] + w*(q-p)^2 is at most its
// running minimum, and a sample k away contributes at least w*k^2, so the
// search around q stops at the first k whose w*k^2 exceeds the minimum so
// far: at the sample's own distance along the line, a few samples in
// blobs. The search runs on 8 neighbouring samples at once (neighbours
// along x in both passes: along x they are the line's own samples, along
// z lines next to each other), no branch per sample, SIMD in the SIMD
// build; a line where some sample would search past reach samples takes
// the envelope instead (envelopeGaps, linear), so the cost stays bounded.
//
// The result is the smallest of the candidates f[p] + w*k^2, each rounded
// as envelopeDist rounds it: envelopeGaps' value wherever that is exact
// (every squared distance an integer, as in unit sampling), and within a
// rounding of it elsewhere. Which lines fall back depends on the line
// alone, so that Line (the pass along z out of core) repeats EDT's pass
// bit for bit.

// reach is the farthest sample, on either side, that the brute force
// tries.
const reach = 64

// parabola is w*k^2 for k in [0, reach+1], rounded as envelopeDist rounds
// w*dq*dq.
type parabola [reach + 2]float64

func newParabola(w float64) *parabola {
	var c parabola
	for k := range c {
		c[k] = w * float64(k) * float64(k)
	}
	return &c
}

// useSIMD lets the tests run the pure-Go kernel in the SIMD build.
var useSIMD = true

// brute sets d[i] = min over k in [0, reach] of f[i-k*s] + c[k] and
// f[i+k*s] + c[k], for i in [lo, hi): samples of lines s apart in f, each
// line's next sample s further on. f holds reach*s values on either side
// of [lo, hi) (+Inf beyond the ends of the lines). over[i%s] is set where
// a sample's minimum might lie further than reach (and d[i] is not then
// its minimum).
func brute(f, d []float64, lo, hi, s int, c *parabola, over []bool) {
	i := bruteSIMD(f, d, lo, hi, s, c, over)
	bruteGo(f, d, i, hi, s, c, over)
}

// bruteGo is the pure-Go kernel of brute: one sample at a time.
func bruteGo(f, d []float64, lo, hi, s int, c *parabola, over []bool) {
	for i := lo; i < hi; i++ {
		best := f[i]
		k := 1
		for ; k <= reach && c[k] <= best; k++ {
			best = min(best, f[i-k*s]+c[k], f[i+k*s]+c[k])
		}
		if k > reach && c[reach+1] <= best {
			over[i%s] = true
		}
		d[i] = best
	}
}

// padLine is a worker's scratch for the pass along lines of up to n
// contiguous samples.
type padLine struct {
	f, d []float64 // the line between reach samples of +Inf on either side
	b    *lineBuf  // the envelope's, for a line that falls back
	over [1]bool
}

func newPadLine(n int) *padLine {
	p := &padLine{f: make([]float64, n+2*reach), d: make([]float64, n+2*reach), b: newLineBuf(n, false)}
	for i := range p.f {
		p.f[i] = math.Inf(1)
	}
	return p
}

// getPadLine is newPadLine from the pool (see getLineBuf), for a worker
// of one call: f is set to +Inf here as there, run writes d before it
// reads it. release gives the buffers back.
func getPadLine(n int) *padLine {
	p := &padLine{f: scratch.Get[float64](&pool, n+2*reach), d: scratch.Get[float64](&pool, n+2*reach), b: getLineBuf(n, false)}
	for i := range p.f {
		p.f[i] = math.Inf(1)
	}
	return p
}

func (p *padLine) release() {
	scratch.Put(&pool, p.f)
	scratch.Put(&pool, p.d)
	p.b.release()
}

// run is the pass along src (its samples w apart, c its parabola): the
// result, in a slice of p's that the next call overwrites.
func (p *padLine) run(src []float64, w float64, c *parabola) []float64 {
	n := len(src)
	f := p.f[:n+2*reach]
	copy(f[reach:], src)
	for i := reach + n; i < len(f); i++ { // past n the buffer may hold an older, longer line
		f[i] = math.Inf(1)
	}
	p.over[0] = false
	brute(f, p.d, reach, reach+n, 1, c, p.over[:])
	d := p.d[reach : reach+n]
	if p.over[0] {
		envelopeGaps(src, d, w, p.b.v, p.b.z)
	}
	return d
}
