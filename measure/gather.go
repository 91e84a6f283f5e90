package measure

import (
	"math"
	"slices"

	"github.com/gipsdev/gips/internal/scratch"
)

// gather groups the intensities by label (a counting sort: offsets from
// the counts, one sequential pass), then gives each label's standard
// deviation (numpy.std, ddof 0, about the mean of its values) and median
// (numpy.median: the mean of the two middle values for an even count).
func gather(li *labelImage, ix *index, acc *partial, irow func(z, y int, buf []float64) []float64) (std, median []float64, err error) {
	nl := len(ix.labels)
	off := make([]int, nl+1)
	for l := range nl {
		off[l+1] = off[l] + int(acc.mom[l].n)
	}
	vals := make([]float64, off[nl])
	pos := slices.Clone(off[:nl])
	buf := make([]uint32, li.w)
	ibuf := make([]float64, li.w)
	for z := range li.d {
		for y := range li.h {
			row, err := li.row(z, y, buf)
			if err != nil {
				return nil, nil, err
			}
			iv := irow(z, y, ibuf)
			for x0 := 0; x0 < len(row); {
				v := row[x0]
				x1 := x0 + 1
				for x1 < len(row) && row[x1] == v {
					x1++
				}
				if v != 0 {
					l := ix.of(v)
					pos[l] += copy(vals[pos[l]:], iv[x0:x1])
				}
				x0 = x1
			}
		}
	}
	std, median = make([]float64, nl), make([]float64, nl)
	err = forEach(nl, 256, func(lo, hi int) {
		for l := lo; l < hi; l++ {
			v := vals[off[l]:off[l+1]]
			n := float64(len(v))
			mean := acc.in[l].sum / n
			var ss float64
			for _, f := range v {
				ss += (f - mean) * (f - mean)
			}
			std[l] = math.Sqrt(ss / n)
			slices.Sort(v)
			if m := len(v) / 2; len(v)%2 == 1 {
				median[l] = v[m]
			} else {
				median[l] = (v[m-1] + v[m]) / 2
			}
			if slices.ContainsFunc(v, math.IsNaN) {
				std[l], median[l] = math.NaN(), math.NaN()
			}
		}
	})
	return std, median, err
}

// spread is each label's standard deviation as gather gives it, from a
// second pass over the rows that sums the squared differences from the
// mean (one slab per worker, the slabs' sums added in order), without
// grouping the values: gather's sorts for the median were 55% of an
// intensity table that has no median. The result is from the pool: the
// caller puts it back when done.
func spread(li *labelImage, ix *index, acc *partial, irow func(z, y int, buf []float64) []float64) ([]float64, error) {
	nl := len(ix.labels)
	mean := scratch.Get[float64](&pool, nl)
	defer scratch.Put(&pool, mean)
	for l := range nl {
		mean[l] = acc.in[l].sum / float64(acc.mom[l].n)
	}
	rows := li.h * li.d
	parts := make([][]float64, nSlabs(rows))
	err := slabs(rows, func(k, lo, hi int) error {
		ss := scratch.Get[float64](&pool, nl)
		clear(ss)
		parts[k] = ss
		buf, ibuf := make([]uint32, li.w), make([]float64, li.w)
		for r := lo; r < hi; r++ {
			z, y := r/li.h, r%li.h
			row, err := li.row(z, y, buf)
			if err != nil {
				return err
			}
			iv := irow(z, y, ibuf)
			for x0 := 0; x0 < len(row); {
				v := row[x0]
				x1 := x0 + 1
				for x1 < len(row) && row[x1] == v {
					x1++
				}
				if v != 0 {
					l := ix.of(v)
					m, s := mean[l], ss[l]
					for _, f := range iv[x0:x1] {
						s += (f - m) * (f - m)
					}
					ss[l] = s
				}
				x0 = x1
			}
		}
		return nil
	})
	if err != nil {
		for _, p := range parts {
			scratch.Put(&pool, p)
		}
		return nil, err
	}
	std := parts[0] // the caller gives it back to the pool
	for _, p := range parts[1:] {
		for l, s := range p {
			std[l] += s
		}
		scratch.Put(&pool, p)
	}
	for l := range std {
		std[l] = math.Sqrt(std[l] / float64(acc.mom[l].n))
	}
	return std, nil
}
