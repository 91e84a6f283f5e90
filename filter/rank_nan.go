package filter

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// NaN in the rank filters. Every comparison with a NaN is false, so the
// value an algorithm selects from values holding a NaN depends on the
// order in which it compares them, and gips gives scipy.ndimage's (1.10)
// answer by running scipy's algorithms, written here from their
// description, wherever a NaN can reach the result:
//
//   - a rank strictly between the least and the greatest: Hoare's
//     partition around the first value of the range, in the footprint's
//     order (NI_Select, scipySelect below), on the footprint's values with
//     the constant converted to the pixel type;
//   - the least or the greatest (rank 0 and n-1, where scipy's
//     rank_filter hands over to minimum_filter and maximum_filter) of a
//     footprint that is not a full box: the first value, replaced by each
//     later one that is strictly less (greater) (scipyExtreme);
//   - the least or the greatest of a full box: scipy filters axis by axis
//     (z, y, x) with a sliding-window deque (Harter's), whose answer with
//     a NaN in a line depends on the line before the window, and even
//     windows without a NaN can come out as a value that is not their
//     least; so a volume holding any NaN (or a NaN constant in Constant
//     mode) runs that whole filter (extremeBox).
//
// The fast paths stay as they are on NaN-free neighbourhoods (where every
// exact selection returns the same value) and hand the others here: rows
// whose source rows hold a NaN (a vector scan of each row) select with
// selectorNaN, which checks the values it gathers, the 5x5 float32
// median's rows with a NaN or -0 check theirs (rankVals), and the
// sorting networks of the 3x3 and 3x3x3 medians, whose Go min and max
// spread a NaN to the output of every window holding one (each input of a
// median network reaches its output), have their NaN outputs redone
// (fixNaN).

// scipySelect is the value of rank r among vals, which it reorders, as
// scipy's NI_Select finds it: partition around the range's first value
// (j walks down past values greater than it, i up past values less than
// it, and they swap until they meet), then go on in the part holding r.
func scipySelect[T gips.Pixel](vals []T, r int) T {
	lo, hi := 0, len(vals)-1
	for lo < hi {
		p := vals[lo]
		i, j := lo-1, hi+1
		for {
			j--
			for vals[j] > p {
				j--
			}
			i++
			for vals[i] < p {
				i++
			}
			if i >= j {
				break
			}
			vals[i], vals[j] = vals[j], vals[i]
		}
		if r <= j {
			hi = j
		} else {
			lo = j + 1
		}
	}
	return vals[lo]
}

// scipyExtreme is scipy's minimum (or maximum) over a footprint that is
// not a full box: the first value, replaced by every later one strictly
// less (greater) than the value kept.
func scipyExtreme[T gips.Pixel](vals []T, least bool) T {
	v := vals[0]
	for _, w := range vals[1:] {
		if least && w < v || !least && w > v {
			v = w
		}
	}
	return v
}

// scipyRank is the value of rank r among the footprint's n values (in the
// footprint's order) as scipy's rank_filter returns it, for any values;
// the least and greatest of a full box are extremeBox's.
func scipyRank[T gips.Pixel](vals []T, r int) T {
	if r == 0 || r == len(vals)-1 {
		return scipyExtreme(vals, r == 0)
	}
	return scipySelect(vals, r)
}

// rankVals is the value of rank r among vals (which it reorders): nth,
// or scipy's choice when they hold a NaN.
func rankVals[T gips.Pixel](vals []T, r int) T {
	for _, v := range vals {
		if v != v {
			return scipyRank(vals, r)
		}
	}
	return nth(vals, r)
}

// fixNaN redoes, as scipy, the NaN pixels of out (the outputs of a median
// network, NaN exactly where their window holds a NaN): the window at x
// is rows (the footprint's rows, in its order, each the line's length)
// at x-1, x and x+1, read by mode m; vals is scratch of 3*len(rows).
func fixNaN[T gips.Pixel](out []T, rows [][]T, m gips.BorderMode, cval T, r int, vals []T) {
	nx := len(out)
	for x, v := range out {
		if v == v {
			continue
		}
		k := 0
		for _, row := range rows {
			for dx := -1; dx <= 1; dx++ {
				vals[k] = cval
				if j, ok := border.Index(x+dx, nx, m); ok {
					vals[k] = row[j]
				}
				k++
			}
		}
		out[x] = scipySelect(vals[:k], r)
	}
}

// selectorNaN is selector's row kernel for rows near a NaN: scipy's
// choice for the values holding one, nth for the others.
func selectorNaN[T gips.Pixel](r int) func(out []T, rows [][]T, vals []T) {
	return func(out []T, rows [][]T, vals []T) {
		for x := range out {
			for k, row := range rows {
				vals[k] = row[x]
			}
			out[x] = rankVals(vals, r)
		}
	}
}

// nanFree says whether r holds no NaN (always for integers): the vector
// scan for NaN and -0 first, a second look only when that finds one.
func nanFree[T gips.Pixel](r []T) bool {
	if k := medLaneOf[T](); !k.float() || cleanRow(k, r) {
		return true
	}
	for _, v := range r {
		if v != v {
			return false
		}
	}
	return true
}

// nanFreeRows says for each extended row of e whether it holds no NaN,
// the last entry for the constant row (rank9RowsClean's layout); clean,
// when not nil, is rank9Clean's flags, which already clear most rows.
func nanFreeRows[T gips.Pixel](e *nbhd.Ext[T], cval T, clean []bool) ([]bool, error) {
	rows := e.NY * e.NZ
	free := make([]bool, rows+1)
	free[rows] = cval == cval
	err := nbhd.Parallel(rows, nbhd.Grain(e.W), func(lo, hi int) {
		for r := lo; r < hi; r++ {
			free[r] = clean != nil && clean[r] || nanFree(e.Pix[r*e.W:(r+1)*e.W])
		}
	})
	return free, err
}

// extremeBox sets vol (one volume of dims d) to its minimum (least) or
// maximum over the box of size sz as scipy's minimum_filter and
// maximum_filter compute it: one line filter per axis longer than 1, z
// then y then x, each pass's result stored in the pixel type and read by
// the next, the lines extended by mode m with the constant as given.
func extremeBox[T gips.Pixel](vol []T, d nbhd.Dims, sz [3]int, least bool, m gips.BorderMode, cval float64) error {
	type axis struct{ size, n, stride, lines int }
	for _, a := range []axis{{sz[2], d.NZ, d.NX * d.NY, d.NX * d.NY}, {sz[1], d.NY, d.NX, d.NX * d.NZ}, {sz[0], d.NX, 1, d.NY * d.NZ}} {
		if a.size <= 1 {
			continue
		}
		err := nbhd.Parallel(a.lines, nbhd.Grain(a.n*4), func(lo, hi int) {
			before := a.size / 2
			ext, res := make([]float64, a.n+a.size-1), make([]float64, a.n)
			ring := make([]slidePair, a.size)
			for l := lo; l < hi; l++ {
				base := l%a.stride + l/a.stride*a.stride*a.n // the line's first pixel
				for i := range ext {
					ext[i] = cval
					if j, ok := border.Index(i-before, a.n, m); ok {
						ext[i] = float64(vol[base+j*a.stride])
					}
				}
				slideExtreme(res, ext, ring, least)
				for i, v := range res {
					vol[base+i*a.stride] = T(v)
				}
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

type slidePair struct {
	v     float64
	death int
}

// slideExtreme sets out[i] to the least (greatest) of ext[i:i+len(ring)]
// by scipy's deque (NI_MinOrMaxFilter1D, after Richard Harter): a ring of
// candidates and the step at which each leaves the window; a new value
// at or below the front replaces the whole deque, any other drops the
// candidates at or above it from the back and joins there. With NaNs the
// deque is no longer sorted and the front is not always the least: that
// is scipy's answer, kept as it is.
func slideExtreme(out, ext []float64, ring []slidePair, least bool) {
	size := len(ring)
	front, last := 0, 0
	ring[0] = slidePair{ext[0], size}
	for l := 1; l < len(ext); l++ {
		v := ext[l]
		if ring[front].death == l {
			front = (front + 1) % size
		}
		if least && v <= ring[front].v || !least && v >= ring[front].v {
			ring[front] = slidePair{v, l + size}
			last = front
		} else {
			for least && ring[last].v >= v || !least && ring[last].v <= v {
				last = (last + size - 1) % size
			}
			last = (last + 1) % size
			ring[last] = slidePair{v, l + size}
		}
		if l >= size-1 {
			out[l-size+1] = ring[front].v
		}
	}
}
