package label

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// paintArgs say what paint writes: for each run its label (value nil), or
// value(label) unless that says keep is false (the pixels are then left as
// they are); and bg on the background unless bgKeep.
type paintArgs struct {
	f      *forest
	out    *gips.Image
	value  func(lab uint32) (float64, bool)
	bg     float64
	bgKeep bool
	direct bool // runs take their label, which fits the type (value unused)
}

// paint writes the output rows in parallel, one pass per row.
func (f *forest) paint(out *gips.Image, bg float64, bgKeep bool, value func(lab uint32) (float64, bool)) error {
	a := paintArgs{f, out, value, bg, bgKeep, value == nil}
	return gips.Dispatch(out.Type(), gips.AllKernels(paintRows[uint8], paintRows[int8], paintRows[uint16], paintRows[int16],
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
	return parallel(len(b)-1, func(s int) {
		f.rows(b[s], b[s+1], func(r int, rs []run, labels []uint32) {
			row := planes[r/f.sy].Row(r % f.sy)
			if a.direct && !a.bgKeep {
				paintRow(row, rs, labels, bg)
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
