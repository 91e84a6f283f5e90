package distance

import "math"

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
