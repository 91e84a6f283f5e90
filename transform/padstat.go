package transform

import (
	"math"
	"slices"

	"github.com/gipsdev/gips"
)

// numpy.pad's modes that fill from a statistic of the input (maximum,
// mean, median, minimum), a linear ramp, or nothing (empty). numpy pads
// one axis after the other, z then y then x (its axis order), and the
// lines of a later axis run through the pixels an earlier axis has
// already padded: the corners are statistics of padded pixels. padStat
// does the same, on the output, after the input has been copied into it.

// PadOption sets a parameter of the statistic and ramp modes.
type PadOption func(*padConfig)

type padConfig struct {
	length [3]int  // stat_length along x, y, z; 0: the whole axis
	end    float64 // linear_ramp's end value
}

// PadStatLength is numpy.pad's stat_length, per axis (x first, z
// ignored for a 2D image) and the same on both sides: the statistic
// modes read at most n[a] input pixels next to each side; 0 reads the
// whole axis (numpy's None, the default).
func PadStatLength(n [3]int) PadOption { return func(c *padConfig) { c.length = n } }

// PadEndValue is numpy.pad's end_values as one value for every side:
// linear_ramp goes from it, at the outer edge, to the input's edge pixel.
func PadEndValue(v float64) PadOption { return func(c *padConfig) { c.end = v } }

// padStat fills the padded area of a.dst, whose centre already holds the
// input, axis by axis as numpy does.
func padStat[T gips.Pixel](a padArgs) error {
	dp, err := gips.WritablePlanes[T](a.dst)
	if err != nil {
		return err
	}
	gs, gd := a.src.Geometry(), a.dst.Geometry()
	n := [3]int{gs.SizeX, gs.SizeY, gs.SizeZ}
	nd := [3]int{gd.SizeX, gd.SizeY, gd.SizeZ}
	after := [3]int{}
	for ax := range 3 {
		after[ax] = nd[ax] - n[ax] - a.before[ax]
	}
	// px addresses output pixel (x, y, z) of channel c, time t.
	px := func(x, y, z, c, t int) *T { return &dp[gd.PlaneIndex(z, c, t)].Row(y)[x] }
	buf := make([]T, max(nd[0], nd[1], nd[2]))
	scratch := make([]T, len(buf))
	for ax := 2; ax >= 0; ax-- { // numpy's order: z, y, x
		if a.before[ax] == 0 && after[ax] == 0 {
			continue
		}
		// The lines along ax: earlier (numpy) axes over the whole output,
		// later ones over the input's area only.
		var lo, hi [3]int
		for o := range 3 {
			lo[o], hi[o] = 0, nd[o]
			if o < ax {
				lo[o], hi[o] = a.before[o], a.before[o]+n[o]
			}
		}
		lo[ax], hi[ax] = 0, 1
		l := line[T]{b: a.before[ax], n: n[ax], a: after[ax], length: a.cfg.length[ax], end: a.cfg.end}
		if a.stat == PadLinearRamp {
			// numpy's linspace divides then multiplies everywhere as soon as
			// one step of the whole side is zero: find out first.
			for c := range gd.SizeC {
				for t := range gd.SizeT {
					forLines(lo, hi, func(p [3]int) {
						p[ax] = l.b
						l.zeroL = l.zeroL || l.rampStepZero(*px(p[0], p[1], p[2], c, t), l.b)
						p[ax] = l.b + l.n - 1
						l.zeroR = l.zeroR || l.rampStepZero(*px(p[0], p[1], p[2], c, t), l.a)
					})
				}
			}
		}
		for c := range gd.SizeC {
			for t := range gd.SizeT {
				forLines(lo, hi, func(p [3]int) {
					v := buf[:nd[ax]]
					for k := range v {
						p[ax] = k
						v[k] = *px(p[0], p[1], p[2], c, t)
					}
					l.fill(a.stat, v, scratch)
					for k := range v {
						if k < l.b || k >= l.b+l.n {
							p[ax] = k
							*px(p[0], p[1], p[2], c, t) = v[k]
						}
					}
				})
			}
		}
	}
	return nil
}

// forLines calls fn for every p with lo <= p < hi (x fastest).
func forLines(lo, hi [3]int, fn func(p [3]int)) {
	for z := lo[2]; z < hi[2]; z++ {
		for y := lo[1]; y < hi[1]; y++ {
			for x := lo[0]; x < hi[0]; x++ {
				fn([3]int{x, y, z})
			}
		}
	}
}

// line is one line along the padded axis: b pad pixels, n input pixels,
// a pad pixels.
type line[T gips.Pixel] struct {
	b, n, a      int
	length       int
	end          float64
	zeroL, zeroR bool // a ramp step of that side is zero somewhere
}

// fill sets v's pad pixels from its input pixels v[b:b+n].
func (l *line[T]) fill(mode PadMode, v, scratch []T) {
	in := v[l.b : l.b+l.n]
	left, right := v[:l.b], v[l.b+l.n:]
	if mode == PadLinearRamp {
		l.ramp(left, in[0], l.zeroL, false)
		l.ramp(right, in[len(in)-1], l.zeroR, true)
		return
	}
	m := l.n
	if l.length > 0 {
		m = min(l.length, l.n)
	}
	ls := stat(mode, in[:m], scratch)
	rs := ls
	if m < l.n {
		rs = stat(mode, in[l.n-m:], scratch)
	}
	fillValue(left, ls)
	fillValue(right, rs)
}

func fillValue[T gips.Pixel](d []T, v T) {
	for i := range d {
		d[i] = v
	}
}

// stat is numpy's amax, amin, mean or median of s, rounded half to even
// for an integer type (numpy's _round_if_needed). A NaN propagates.
func stat[T gips.Pixel](mode PadMode, s, scratch []T) T {
	isFloat := gips.TypeOf[T]().IsFloat()
	if isFloat {
		for _, v := range s {
			if v != v {
				return v
			}
		}
	}
	switch mode {
	case PadMaximum:
		return slices.Max(s)
	case PadMinimum:
		return slices.Min(s)
	case PadMean:
		if isFloat {
			// numpy sums a float32 line in float32 (pairwise): within
			// float32 rounding of this float64 sum.
			var sum float64
			for _, v := range s {
				sum += float64(v)
			}
			return T(sum / float64(len(s)))
		}
		// numpy sums integers in float64: exact below 2^53, as here.
		var sum int64
		for _, v := range s {
			sum += int64(v)
		}
		return T(math.RoundToEven(float64(sum) / float64(len(s))))
	}
	// median: the middle of a sorted copy, the mean of the two middle
	// values for an even count (in T for a float, as numpy's mean of two).
	w := scratch[:len(s)]
	copy(w, s)
	slices.Sort(w)
	h := len(w) / 2
	if len(w)%2 == 1 {
		return w[h]
	}
	if isFloat {
		return (w[h-1] + w[h]) / 2
	}
	return T(math.RoundToEven((float64(w[h-1]) + float64(w[h])) / 2))
}

// rampStepZero is numpy's test step == 0 for a side of width div ending
// at edge (in float32 for a float32 image, float64 otherwise).
func (l *line[T]) rampStepZero(edge T, div int) bool {
	if div == 0 {
		return false
	}
	if f32[T]() {
		return (float32(edge)-float32(l.end))/float32(div) == 0
	}
	return (float64(edge)-l.end)/float64(div) == 0
}

func f32[T gips.Pixel]() bool { return gips.TypeOf[T]() == gips.Real32 }

// ramp fills d with numpy's linspace(end, edge, len(d), endpoint=False),
// outer edge first (reversed for the side behind), in numpy's arithmetic:
// k*step + end, or k/div*delta + end where a step is zero; floored for an
// integer type.
func (l *line[T]) ramp(d []T, edge T, zero, behind bool) {
	w := len(d)
	for k := range w {
		var y float64
		if f32[T]() {
			e, delta := float32(l.end), float32(edge)-float32(l.end)
			// explicit conversions: every step rounded, never fused
			if zero {
				y = float64(float32(float32(float32(k)/float32(w))*delta) + e)
			} else {
				y = float64(float32(float32(k)*float32(delta/float32(w))) + e)
			}
		} else {
			delta := float64(edge) - l.end
			if zero {
				y = float64(float64(float64(k)/float64(w))*delta) + l.end
			} else {
				y = float64(float64(k)*float64(delta/float64(w))) + l.end
			}
		}
		var v T
		if gips.TypeOf[T]().IsFloat() {
			v = T(y)
		} else {
			v = gips.Saturate[T](math.Floor(y))
		}
		if behind {
			d[w-1-k] = v
		} else {
			d[k] = v
		}
	}
}
