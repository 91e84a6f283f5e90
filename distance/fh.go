package distance

import (
	"math"

	"github.com/gipsdev/gips/internal/scratch"
)

// lineBuf is one worker's scratch for the 1D transform of lines of up to n
// samples.
type lineBuf struct {
	f, d []float64 // the line's squared distances, in and out
	v    []int     // parabolas of the lower envelope (their sample index)
	z    []float64 // left end of each parabola's part of the envelope
	feat []int32   // features of the line, in (with feature tracking)
}

func newLineBuf(n int, features bool) *lineBuf {
	b := &lineBuf{f: make([]float64, n), d: make([]float64, n), v: make([]int, n), z: make([]float64, n)}
	if features {
		b.feat = make([]int32, n)
	}
	return b
}

// getLineBuf is newLineBuf from the pool: made afresh, a worker's line
// buffers faulted in their pages on every call (10 us a page on the
// bench's VM). Pooled buffers hold old values, so the callers fill f (and
// feat) before each line, and envelope writes d, v and z before it reads
// them. release gives them back.
func getLineBuf(n int, features bool) *lineBuf {
	b := &lineBuf{
		f: scratch.Get[float64](&pool, n),
		d: scratch.Get[float64](&pool, n),
		v: scratch.Get[int](&pool, n),
		z: scratch.Get[float64](&pool, n),
	}
	if features {
		b.feat = scratch.Get[int32](&pool, n)
	}
	return b
}

func (b *lineBuf) release() {
	scratch.Put(&pool, b.f)
	scratch.Put(&pool, b.d)
	scratch.Put(&pool, b.v)
	scratch.Put(&pool, b.z)
	if b.feat != nil {
		scratch.Put(&pool, b.feat)
	}
}

// envelope is the 1D squared distance transform of Felzenszwalb and
// Huttenlocher: d[q] = min over p of w*(q-p)^2 + f[p], with w the squared
// sample spacing, in time linear in n. Samples with f = +Inf (no zero on
// their earlier lines) take no part; if every sample is +Inf so is every
// output. With feat (not nil) each output takes the feature of its
// minimising sample: featOut[q] = feat[p].
func envelope(f, d []float64, w float64, v []int, z []float64, feat, featOut []int32) {
	n := len(f)
	k := -1
	// d holds f[q] + w*q*q while the envelope is built: the parabolas from
	// r and q cross at (d[q]-d[r]) / (2w(q-r)); a parabola is dropped when
	// the crossing is at or left of where it starts, tested without a
	// division.
	for q := 0; q < n; q++ {
		fq := f[q]
		if math.IsInf(fq, 1) {
			continue
		}
		gq := fq + w*float64(q*q)
		d[q] = gq
		for k > 0 {
			r := v[k]
			if gq-d[r] > z[k]*(2*w*float64(q-r)) {
				break
			}
			k--
		}
		s := math.Inf(-1)
		if k >= 0 {
			r := v[k]
			s = (gq - d[r]) / (2 * w * float64(q-r))
		}
		k++
		v[k], z[k] = q, s
	}
	if k < 0 {
		for q := range d {
			d[q] = math.Inf(1)
		}
		if featOut != nil {
			for q := range featOut {
				featOut[q] = -1
			}
		}
		return
	}
	j := 0
	for q := 0; q < n; q++ {
		for j < k && z[j+1] < float64(q) {
			j++
		}
		r := v[j]
		dq := float64(q - r)
		d[q] = w*dq*dq + f[r]
		if featOut != nil {
			featOut[q] = feat[r]
		}
	}
}

// envelopeDist is envelope without features and without divisions: a
// parabola is dropped when its crossing with the new one is at or left of
// its crossing with the one below it, and the envelope moves on to the
// next parabola where that one is lower, both tested by cross
// multiplication (the divisions were most of the cost of a line). On a
// tie the results differ from envelope's only in which of two parabolas
// of equal value gives it. g is scratch: f[v[k]] + w*v[k]^2 for each
// parabola of the envelope.
func envelopeDist(f, d []float64, w float64, v []int, g []float64) {
	n := len(f)
	k := -1
	for q := 0; q < n; q++ {
		fq := f[q]
		if math.IsInf(fq, 1) {
			continue
		}
		gq := fq + w*float64(q*q)
		// Drop v[k] while its crossing with q, (gq-g_r)/(2w(q-r)), is at
		// or left of its crossing with v[k-1], (g_r-g_p)/(2w(r-p)).
		for k > 0 {
			r, p := v[k], v[k-1]
			if (gq-g[k])*float64(r-p) > (g[k]-g[k-1])*float64(q-r) {
				break
			}
			k--
		}
		k++
		v[k], g[k] = q, gq
	}
	if k < 0 {
		for q := range d {
			d[q] = math.Inf(1)
		}
		return
	}
	j := 0
	for q := 0; q < n; q++ {
		// Move on while the next parabola is lower at q: its crossing
		// with v[j] is left of q.
		for j < k && g[j+1]-g[j] < 2*w*float64(q)*float64(v[j+1]-v[j]) {
			j++
		}
		dq := float64(q - v[j])
		d[q] = w*dq*dq + f[v[j]]
	}
}
