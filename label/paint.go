package label

import (
	"fmt"
	"unsafe"

	"github.com/gipsdev/gips"
)

// paintArgs say what paint writes: for each run its label (value nil), or
// table[label] (paintTable), or value(label) unless that says keep is
// false (the pixels are then left as they are); and bg on the background
// unless bgKeep.
type paintArgs struct {
	f      *forest
	out    *gips.Image
	value  func(lab uint32) (float64, bool)
	bg     float64
	bgKeep bool
	direct bool     // runs take their label, or table's value, which fits the type (value unused)
	table  []uint32 // each label's value (nil: the label itself)
}

// paint writes the output rows in parallel, one pass per row.
func (f *forest) paint(out *gips.Image, bg float64, bgKeep bool, value func(lab uint32) (float64, bool)) error {
	return paintWith(paintArgs{f, out, value, bg, bgKeep, value == nil, nil})
}

// paintTable writes each run as table[its label] and 0 elsewhere, on the
// row kernels of labels (no call and no float conversion per run, as
// paint's value has): the values must fit out's type.
func (f *forest) paintTable(out *gips.Image, table []uint32) error {
	return paintWith(paintArgs{f, out, nil, 0, false, true, table})
}

func paintWith(a paintArgs) error {
	return gips.Dispatch(a.out.Type(), gips.AllKernels(paintRows[uint8], paintRows[int8], paintRows[uint16], paintRows[int16],
		paintRows[uint32], paintRows[int32], paintRows[float32], paintRows[float64]), a)
}

func paintRows[U gips.Pixel](a paintArgs) error {
	f := a.f
	planes, err := gips.WritablePlanes[U](a.out)
	if err != nil {
		return err
	}
	bg := gips.Saturate[U](a.bg)
	if a.out.Type() == gips.Binary && a.bg != 0 {
		bg = 1
	}
	b := f.slabs()
	out32 := unsafe.Sizeof(U(0)) == 4 && !a.out.Type().IsFloat()
	if q := f.quad; q != nil && out32 && paintMaskAVX512 && a.direct && a.table == nil && !a.bgKeep && bg == 0 {
		// A quad forest's rows: from their masks, each pixel taking its
		// cluster's label.
		return parallel(len(q.slabs)-1, func(s int) {
			f.quadMaskRows(q.slabs[s], q.slabs[s+1], func(z, y int, m []uint64, qr quadRef, labels []uint32) {
				row := planes[z].Row(y)
				paintMask(unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(row))), len(row)), m, qr.st, labels)
			})
		})
	}
	if out32 && f.quad == nil && f.mask != nil && paintMaskAVX512 && a.direct && a.table == nil && !a.bgKeep && bg == 0 {
		// Binary rows of bytes into 4-byte labels: from their masks,
		// with no runs (paintMask).
		return parallel(len(b)-1, func(s int) {
			f.maskRows(b[s], b[s+1], func(r int, m []uint64, labels []uint32) {
				row := planes[r/f.sy].Row(r % f.sy)
				paintMask(unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(row))), len(row)), m, nil, labels)
			})
		})
	}
	return parallel(len(b)-1, func(s int) {
		var d []uint32 // paintDense's differences, made for the first dense row
		var mapped []uint32
		f.rows(b[s], b[s+1], func(r int, rs []run, labels []uint32) {
			row := planes[r/f.sy].Row(r % f.sy)
			if a.table != nil {
				mapped = append(mapped[:0], labels...)
				for i, l := range mapped {
					mapped[i] = a.table[l]
				}
				labels = mapped
			}
			if a.direct && !a.bgKeep {
				// A run costs paintRow about what 32 pixels cost
				// paintDense (its AVX2 sums; a little less without).
				if bg == 0 && 32*len(rs) >= len(row) {
					if d == nil {
						d = make([]uint32, len(row)+1)
					}
					paintDense(row, rs, labels, d)
				} else {
					paintRow(row, rs, labels, bg)
				}
				return
			}
			x := int32(0)
			for i, ru := range rs {
				if !a.bgKeep {
					fill(row[x:ru.x0], bg)
				}
				if a.direct {
					fill(row[ru.x0:ru.x1], U(labels[i]))
				} else if v, ok := a.value(labels[i]); ok {
					fill(row[ru.x0:ru.x1], gips.Saturate[U](v))
				}
				x = ru.x1
			}
			if !a.bgKeep {
				fill(row[x:], bg)
			}
		})
	})
}

// paintRow writes a row of labels: the gaps bg, each run its label. Most
// runs and gaps are a few pixels long, so each is written as one block of
// eight when it fits in the row: the pixels past its end are written again
// by what follows (everything is written left to right).
func paintRow[U gips.Pixel](row []U, rs []run, labels []uint32, bg U) {
	x := int32(0)
	end := int32(len(row)) - 8
	bgs := [8]U{bg, bg, bg, bg, bg, bg, bg, bg}
	for i, ru := range rs {
		if ru.x0-x <= 8 && x <= end {
			*(*[8]U)(row[x:]) = bgs
		} else {
			fill(row[x:ru.x0], bg)
		}
		v := U(labels[i])
		if ru.x1-ru.x0 <= 8 && ru.x0 <= end {
			*(*[8]U)(row[ru.x0:]) = [8]U{v, v, v, v, v, v, v, v}
		} else {
			fill(row[ru.x0:ru.x1], v)
		}
		x = ru.x1
	}
	fill(row[x:], bg)
}

// fill sets s to v: a plain loop for short runs (most of them), clear for
// long runs of zeros, doubling copies for long runs of labels.
func fill[U gips.Pixel](s []U, v U) {
	if len(s) <= 32 {
		for i := range s {
			s[i] = v
		}
		return
	}
	if v == 0 {
		clear(s)
		return
	}
	n := 32
	for i := range n {
		s[i] = v
	}
	for n < len(s) {
		n += copy(s[n:], s[:n])
	}
}

// checkDst checks that dst has src's sizes and is writable.
func checkDst(fn string, dst, src *gips.Image) error {
	sg, dg := src.Geometry(), dst.Geometry()
	if sg.SizeX != dg.SizeX || sg.SizeY != dg.SizeY || sg.SizeZ != dg.SizeZ || sg.SizeC != dg.SizeC || sg.SizeT != dg.SizeT || sg.Volume != dg.Volume {
		return fmt.Errorf("%s: source %v and destination %v differ in size: %w", fn, sg, dg, gips.ErrShape)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	return nil
}

// maxLabel is the largest label a buffer type holds (0 for types that
// cannot hold labels).
func maxLabel(t gips.BufferType) int {
	if t == gips.Binary || t.IsFloat() || !t.Valid() {
		return 0
	}
	_, hi := t.Range()
	return int(hi)
}

// paintDense writes a row of labels through their differences: each run
// adds its label at its start and takes it off at its end in d (the
// row's width plus one, all zero), and the row is d's running sum,
// clearing d as it goes. Its cost is per pixel, with no branch per run:
// cheaper than paintRow on rows of many short runs (ragged blob edges),
// whose branches on the runs' lengths are as good as random. Background
// is 0; runs may abut (equal-value runs).
func paintDense[U gips.Pixel](row []U, rs []run, labels []uint32, d []uint32) {
	d = d[:len(row)+1]
	for i, ru := range rs {
		v := labels[i]
		d[ru.x0] += v
		d[ru.x1] -= v
	}
	switch out := any(row).(type) {
	case []uint32:
		prefixRow(out, d)
	case []int32: // the same bits
		prefixRow(unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(out))), len(out)), d)
	default:
		acc := uint32(0)
		for x := range row {
			acc += d[x]
			d[x] = 0
			row[x] = U(acc)
		}
	}
	d[len(row)] = 0
}

// prefixRow writes d's running sum into out and clears d: the AVX2 kernel
// for whole blocks of eight where the build has it, this loop for the rest.
func prefixRow(out, d []uint32) {
	x, acc := simdPrefix(out, d, 0)
	for ; x < len(out); x++ {
		acc += d[x]
		d[x] = 0
		out[x] = acc
	}
}
