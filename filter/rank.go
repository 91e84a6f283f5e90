package filter

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
	"github.com/gipsdev/gips/internal/scratch"
	"github.com/gipsdev/gips/morpho"
)

// Rank is scipy.ndimage.rank_filter(img, rank, footprint=se): each pixel
// becomes the value of the given rank (0 the smallest) among the pixels
// under the footprint centred on it (centre size/2, not reflected), read
// beyond the border by the mode (Reflect by default; WithCval's constant
// truncated toward zero and clamped to the type for integers). A negative
// rank counts from the largest (-1 is the maximum), as in scipy. The
// output has the input's type; 2D planes or volumes (a 2D footprint on a
// volume works plane by plane), every channel and time point alone.
// Floats with NaN: scipy's answer, which (every comparison with a NaN
// being false) depends on the order in which its algorithms compare the
// footprint's values, and gips runs the same algorithms there: a NaN
// comes out only where scipy's does, and a box's minimum or maximum in a
// volume holding a NaN is scipy's line by line filter, whose answer is
// not always the least or greatest even of windows without a NaN
// (rank_nan.go).
func Rank(img *gips.Image, rank int, se morpho.SE, opts ...Option) (*gips.Image, error) {
	return rankNew("rank", img, func(int) (int, error) { return rank, nil }, se, opts)
}

// RankInto is Rank into dst (src's sizes and type); dst may be src.
func RankInto(dst, src *gips.Image, rank int, se morpho.SE, opts ...Option) error {
	return rankInto("rank", dst, src, func(int) (int, error) { return rank, nil }, se, opts)
}

// Percentile is scipy.ndimage.percentile_filter: Rank with rank
// int(n*p/100) of the footprint's n pixels (n-1 for p = 100); a negative
// p counts from 100.
func Percentile(img *gips.Image, p float64, se morpho.SE, opts ...Option) (*gips.Image, error) {
	return rankNew("percentile", img, percentileRank(p), se, opts)
}

// PercentileInto is Percentile into dst; dst may be src.
func PercentileInto(dst, src *gips.Image, p float64, se morpho.SE, opts ...Option) error {
	return rankInto("percentile", dst, src, percentileRank(p), se, opts)
}

// percentileRank is scipy's rule from a percentile to a rank among n.
func percentileRank(p float64) func(n int) (int, error) {
	return func(n int) (int, error) {
		if p < 0 {
			p += 100
		}
		if !(p >= 0 && p <= 100) {
			return 0, fmt.Errorf("percentile %v: want -100 to 100: %w", p, ErrParam)
		}
		r := int(float64(n) * p / 100)
		if r == n {
			r--
		}
		return r, nil
	}
}

func rankNew(fn string, img *gips.Image, rank func(n int) (int, error), se morpho.SE, opts []Option) (*gips.Image, error) {
	out, err := gips.CreateImage(img.Geometry())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	out.SetCalibration(img.Calibration())
	return out, rankInto(fn, out, img, rank, se, opts)
}

type rankArgs struct {
	dst, src *gips.Image
	offs     [][3]int
	rank     int
	c        config
	box      [3]int // the footprint's size
	full     bool   // every element of the footprint's box is in it
}

func rankInto(fn string, dst, src *gips.Image, rankOf func(n int) (int, error), se morpho.SE, opts []Option) error {
	c := collect(opts)
	if err := c.check(fn); err != nil {
		return err
	}
	t := src.Type()
	if t == gips.Binary || t.IsLabel() {
		return fmt.Errorf("%s: input type %v: want a numeric type: %w", fn, t, gips.ErrBufferType)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("%s: output: %w", fn, err)
	}
	gd, gs := dst.Geometry(), src.Geometry()
	if gd != gs {
		return fmt.Errorf("%s: output %v for input %v: want the input's sizes and type: %w", fn, gd, gs, gips.ErrShape)
	}
	if err := se.Err(); err != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	if sz := se.Size(); sz[0] < 1 || (sz[2] > 1 && !gs.Volume) {
		return fmt.Errorf("%s: footprint of size %v for a %v image: want a 2D footprint (or a volume's 3D one): %w", fn, sz, gs, ErrParam)
	}
	offs := se.Offsets()
	n := len(offs)
	if n == 0 {
		return fmt.Errorf("%s: footprint has no true element: %w", fn, ErrParam)
	}
	rank, err := rankOf(n)
	if err != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	if rank < 0 {
		rank += n
	}
	if rank < 0 || rank >= n {
		return fmt.Errorf("%s: rank %d for a footprint of %d pixels: want -%d to %d: %w", fn, rank, n, n, n-1, ErrParam)
	}
	if !t.IsFloat() && !gips.Overlap(dst, src) && (rank == 0 || rank == n-1 && pointSymmetric(se)) {
		// The smallest or largest under the footprint: the grey erosion or
		// dilation, as scipy's rank_filter hands these ranks to its
		// minimum and maximum filters (dilation reflects the footprint:
		// symmetric ones only). Integers only: morpho's float min and max
		// are Go's, with NaN rules of their own.
		mo := []morpho.Option{morpho.WithMode(c.mode), morpho.WithCval(c.cval)}
		if rank == 0 {
			err = morpho.ErodeInto(dst, src, se, mo...)
		} else {
			err = morpho.DilateInto(dst, src, se, mo...)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
		return nil
	}
	sz := se.Size()
	a := rankArgs{dst, src, offs, rank, c, sz, sz[0]*sz[1]*sz[2] == n}
	err = gips.Dispatch(t, gips.AllKernels(rankKernel[uint8], rankKernel[int8], rankKernel[uint16], rankKernel[int16],
		rankKernel[uint32], rankKernel[int32], rankKernel[float32], rankKernel[float64]), a)
	if err != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	return nil
}

func rankKernel[T gips.Pixel](a rankArgs) error {
	g := a.src.Geometry()
	d := nbhd.DimsOf(g)
	in, err := gips.Planes[T](a.src)
	if err != nil {
		return err
	}
	out, err := gips.WritablePlanes[T](a.dst)
	if err != nil {
		return err
	}
	offs := make([][3]int, len(a.offs))
	before, after := 0, 0
	for k, o := range a.offs {
		o[0] = nbhd.FoldX(o[0], d.NX, a.c.mode)
		offs[k] = o
		before, after = max(before, -o[0]), max(after, o[0])
	}
	cval := nbhd.Cval[T](a.c.cval)
	box3, box333 := a.rank == 4 && isBox3(offs), a.rank == 13 && isBox333(offs)
	med5 := median5For[T]() // nil but for 8- and 16-bit and float32 pixels
	box5 := a.rank == 12 && med5 != nil && isBox5(offs)
	if box3 || box333 || box5 { // the 3x3, 5x5 and 3x3x3 medians, straight from the planes
		var copied []T
		if gips.Overlap(a.dst, a.src) {
			copied = make([]T, d.Len())
		}
		for v := range nbhd.Volumes(g) {
			src, base := in, v*d.NZ
			if copied != nil {
				nbhd.Gather(copied, in, g, v)
				src, base = planesOf(copied, d), 0
			}
			f := median3x3[T]
			if box333 {
				f = median3x3x3[T]
			}
			if box5 {
				f = med5
			}
			if err := f(out[v*d.NZ:v*d.NZ+d.NZ], src[base:base+d.NZ], d, a.c.mode, cval); err != nil {
				return err
			}
		}
		return nil
	}
	// The gathered volume, the result and the extended rows are pooled
	// (see ringScratch): each written in full before it is read.
	vol, res := scratch.Get[T](&zScratch, d.Len()), scratch.Get[T](&zScratch, d.Len())
	defer scratch.Put(&zScratch, vol)
	defer scratch.Put(&zScratch, res)
	var ext *nbhd.Ext[T]
	defer func() {
		if ext != nil {
			ext.Release()
		}
	}()
	sel := selector[T](len(offs), a.rank)
	hb, hist := histBox(offs) // large boxes of 8-bit pixels: histograms (medianhist.go)
	hist = hist && histFaster[T](len(offs), a.rank)
	hb16, hist16 := histBox16(offs) // large 2D or 3D boxes of 16-bit pixels: a sliding histogram (medianhist16.go)
	hist16 = hist16 && hist16Faster[T](len(offs), a.rank)
	vec9 := rank9fFor[T](len(offs)) // float32 ranks of 9 pixels: a vector network on clean rows (rank9f.go)
	// Floats: rows near a NaN select as scipy, and a box's least or
	// greatest with a NaN anywhere is scipy's line filter (rank_nan.go).
	float := medLaneOf[T]().float()
	selNaN := selectorNaN[T](a.rank)
	extreme := float && a.full && (a.rank == 0 || a.rank == len(offs)-1)
	for v := range nbhd.Volumes(g) {
		nbhd.Gather(vol, in, g, v)
		if extreme && (a.c.mode == gips.Constant && cval != cval || !nanFree(vol)) {
			if err := extremeBox(vol, d, a.box, a.rank == 0, a.c.mode, a.c.cval); err != nil {
				return err
			}
			nbhd.Scatter(out, g, v, vol)
			continue
		}
		if ext != nil {
			ext.Release()
			ext = nil
		}
		e, err := nbhd.Extend(vol, d, before, after, a.c.mode, cval)
		if err != nil {
			return err
		}
		ext = e
		if hist16 {
			done, err := histRank16For(res, e, hb16, a.rank)
			if err != nil {
				return err
			}
			if done {
				nbhd.Scatter(out, g, v, res)
				continue
			}
		}
		if hist {
			done, err := histRank(res, e, hb, a.rank)
			if err != nil {
				return err
			}
			if done {
				nbhd.Scatter(out, g, v, res)
				continue
			}
		}
		var clean, free []bool
		if vec9 != nil {
			if clean, err = rank9Clean(e, cval); err != nil {
				return err
			}
		}
		if float && !extreme { // (extreme ones reach here without a NaN)
			if free, err = nanFreeRows(e, cval, clean); err != nil {
				return err
			}
		}
		err = nbhd.Parallel(d.NY*d.NZ, nbhd.Grain(d.NX*len(offs)), func(lo, hi int) {
			rows := make([][]T, len(offs))
			vals := make([]T, len(offs))
			for r := lo; r < hi; r++ {
				y, z := r%d.NY, r/d.NY
				for k, o := range offs {
					rows[k] = e.Row(y+o[1], z+o[2])[e.Before+o[0]:]
				}
				done := 0
				if clean != nil && rank9RowsClean(clean, offs, d, y, z, a.c.mode) {
					done = vec9(res[r*d.NX:(r+1)*d.NX], rows, a.rank)
					for k := range rows {
						rows[k] = rows[k][done:]
					}
				}
				if free != nil && !rank9RowsClean(free, offs, d, y, z, a.c.mode) {
					selNaN(res[r*d.NX+done:(r+1)*d.NX], rows, vals)
				} else {
					sel(res[r*d.NX+done:(r+1)*d.NX], rows, vals)
				}
			}
		})
		if err != nil {
			return err
		}
		nbhd.Scatter(out, g, v, res)
	}
	return nil
}

// selector returns the row kernel for rank r among n: out[x] is the rank
// r value of rows[k][x] over k. vals is scratch of n values.
func selector[T gips.Pixel](n, r int) func(out []T, rows [][]T, vals []T) {
	if n == 9 && r == 4 {
		var f any = median9[T]
		switch any(*new(T)).(type) { // 8- and 16-bit: branch-free min and max
		case uint8:
			f = median9s[uint8]
		case int8:
			f = median9s[int8]
		case uint16:
			f = median9s[uint16]
		case int16:
			f = median9s[int16]
		}
		return f.(func(out []T, rows [][]T, vals []T))
	}
	if n == 9 { // any other rank of a 3x3 box: a sorting network (rank9.go)
		var f any
		switch any(*new(T)).(type) {
		case uint8:
			f = func(out []uint8, rows [][]uint8, _ []uint8) { rank9s(out, rows, r) }
		case int8:
			f = func(out []int8, rows [][]int8, _ []int8) { rank9s(out, rows, r) }
		case uint16:
			f = func(out []uint16, rows [][]uint16, _ []uint16) { rank9s(out, rows, r) }
		case int16:
			f = func(out []int16, rows [][]int16, _ []int16) { rank9s(out, rows, r) }
		}
		if f != nil {
			return f.(func(out []T, rows [][]T, vals []T))
		}
	}
	switch any(*new(T)).(type) {
	case uint8, uint16: // a median, 16 or 32 pixels an instruction: forgetful selection
		if n%2 == 1 && r == n/2 && n >= 5 && n <= maxForget {
			return forgetRows[T]
		}
	}
	return func(out []T, rows [][]T, vals []T) {
		for x := range out {
			for k, row := range rows {
				vals[k] = row[x]
			}
			out[x] = nth(vals, r)
		}
	}
}

// nth is the value of rank r of vals (which it reorders): quickselect
// with a median-of-three pivot, insertion sort for short ranges.
func nth[T gips.Pixel](vals []T, r int) T {
	lo, hi := 0, len(vals)-1
	for hi-lo > 12 {
		mid := lo + (hi-lo)/2
		if vals[mid] < vals[lo] {
			vals[mid], vals[lo] = vals[lo], vals[mid]
		}
		if vals[hi] < vals[lo] {
			vals[hi], vals[lo] = vals[lo], vals[hi]
		}
		if vals[hi] < vals[mid] {
			vals[hi], vals[mid] = vals[mid], vals[hi]
		}
		p := vals[mid]
		i, j := lo, hi
		for i <= j {
			for vals[i] < p {
				i++
			}
			for p < vals[j] {
				j--
			}
			if i <= j {
				vals[i], vals[j] = vals[j], vals[i]
				i++
				j--
			}
		}
		switch {
		case r <= j:
			hi = j
		case r >= i:
			lo = i
		default:
			return vals[r]
		}
	}
	for i := lo + 1; i <= hi; i++ {
		v := vals[i]
		j := i
		for j > lo && v < vals[j-1] {
			vals[j] = vals[j-1]
			j--
		}
		vals[j] = v
	}
	return vals[r]
}

// median9 is the median of 9 rows by a 19-exchange sorting network
// (Paeth's / Devillard's opt_med9).
func median9[T gips.Pixel](out []T, rows [][]T, _ []T) {
	n := len(out) // re-sliced to len(out) so that the loop has no bounds checks
	r0, r1, r2, r3, r4, r5, r6, r7, r8 := rows[0][:n], rows[1][:n], rows[2][:n], rows[3][:n], rows[4][:n], rows[5][:n], rows[6][:n], rows[7][:n], rows[8][:n]
	for x := range out {
		p0, p1, p2, p3, p4, p5, p6, p7, p8 := r0[x], r1[x], r2[x], r3[x], r4[x], r5[x], r6[x], r7[x], r8[x]
		p1, p2 = sort2(p1, p2)
		p4, p5 = sort2(p4, p5)
		p7, p8 = sort2(p7, p8)
		p0, p1 = sort2(p0, p1)
		p3, p4 = sort2(p3, p4)
		p6, p7 = sort2(p6, p7)
		p1, p2 = sort2(p1, p2)
		p4, p5 = sort2(p4, p5)
		p7, p8 = sort2(p7, p8)
		p3 = max(p0, p3)
		p5 = min(p5, p8)
		p4, p7 = sort2(p4, p7)
		p6 = max(p3, p6)
		p4 = max(p1, p4)
		p2 = min(p2, p5)
		p4 = min(p4, p7)
		p4, p2 = sort2(p4, p2)
		p4 = max(p6, p4)
		out[x] = min(p4, p2)
	}
}

// median9s is median9 for 8- and 16-bit pixels with min and max computed
// by arithmetic (the compiler branches for min and max of small integers,
// and random pixels mispredict half of those branches).
func median9s[T small](out []T, rows [][]T, _ []T) {
	n := len(out) // re-sliced to len(out) so that the loop has no bounds checks
	r0, r1, r2, r3, r4, r5, r6, r7, r8 := rows[0][:n], rows[1][:n], rows[2][:n], rows[3][:n], rows[4][:n], rows[5][:n], rows[6][:n], rows[7][:n], rows[8][:n]
	for x := range out {
		p0, p1, p2, p3, p4, p5, p6, p7, p8 := r0[x], r1[x], r2[x], r3[x], r4[x], r5[x], r6[x], r7[x], r8[x]
		p1, p2 = sort2s(p1, p2)
		p4, p5 = sort2s(p4, p5)
		p7, p8 = sort2s(p7, p8)
		p0, p1 = sort2s(p0, p1)
		p3, p4 = sort2s(p3, p4)
		p6, p7 = sort2s(p6, p7)
		p1, p2 = sort2s(p1, p2)
		p4, p5 = sort2s(p4, p5)
		p7, p8 = sort2s(p7, p8)
		p3 = maxs(p0, p3)
		p5 = mins(p5, p8)
		p4, p7 = sort2s(p4, p7)
		p6 = maxs(p3, p6)
		p4 = maxs(p1, p4)
		p2 = mins(p2, p5)
		p4 = mins(p4, p7)
		p4, p2 = sort2s(p4, p2)
		p4 = maxs(p6, p4)
		out[x] = mins(p4, p2)
	}
}

func sort2[T gips.Pixel](a, b T) (T, T) { return min(a, b), max(a, b) }

// small is the pixel types whose differences fit an int32.
type small interface {
	~uint8 | ~int8 | ~uint16 | ~int16
}

// mins and maxs are min and max without branches: the sign of a - b
// masks the difference in or out.
func mins[T small](a, b T) T {
	d := int32(a) - int32(b)
	return T(int32(b) + d&(d>>31))
}

func maxs[T small](a, b T) T {
	d := int32(a) - int32(b)
	return T(int32(a) - d&(d>>31))
}

func sort2s[T small](a, b T) (T, T) {
	d := int32(a) - int32(b)
	m := d & (d >> 31)
	return T(int32(b) + m), T(int32(a) - m)
}

// median5For is median5x5 for 8- and 16-bit and float32 pixels, nil for others.
func median5For[T gips.Pixel]() func(out, in []gips.Plane[T], d nbhd.Dims, m gips.BorderMode, cval T) error {
	var f any
	switch any(*new(T)).(type) {
	case uint8:
		f = median5x5[uint8]
	case int8:
		f = median5x5[int8]
	case uint16:
		f = median5x5[uint16]
	case int16:
		f = median5x5[int16]
	case float32:
		f = median5x5f[float32]
	default:
		return nil
	}
	return f.(func(out, in []gips.Plane[T], d nbhd.Dims, m gips.BorderMode, cval T) error)
}

// pointSymmetric says that se is its own reflection through its centre
// (odd sizes, At(x, y, z) == At(-x, -y, -z) about the centre).
func pointSymmetric(se morpho.SE) bool {
	sz := se.Size()
	if sz[0]%2 == 0 || sz[1]%2 == 0 || sz[2]%2 == 0 {
		return false
	}
	for z := range sz[2] {
		for y := range sz[1] {
			for x := range sz[0] {
				if se.At(x, y, z) != se.At(sz[0]-1-x, sz[1]-1-y, sz[2]-1-z) {
					return false
				}
			}
		}
	}
	return true
}
