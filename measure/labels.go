package measure

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// labelImage reads a label image of any integer type as rows of uint32, so
// that the kernels are written once. A negative label is an error (labels
// are object numbers; 0 is the background).
type labelImage struct {
	w, h, d int
	t       gips.BufferType
	vol     bool // a volume (3D measures), even of one plane
	row     func(z, y int, buf []uint32) ([]uint32, error)
}

type rowArgs struct {
	img *gips.Image
	out *labelImage
}

func labelRows[T uint8 | int8 | uint16 | int16 | uint32 | int32](a rowArgs) error {
	ps, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	t := a.img.Type()
	a.out.row = func(z, y int, buf []uint32) ([]uint32, error) {
		r := ps[z].Row(y)
		if u, ok := any(r).([]uint32); ok {
			return u, nil
		}
		for i, v := range r {
			if v < 0 {
				return nil, fmt.Errorf("labels of type %v: negative label %v at x=%d y=%d z=%d: %w", t, v, i, y, z, ErrLabels)
			}
			buf[i] = uint32(v)
		}
		return buf[:len(r)], nil
	}
	return nil
}

func newLabelImage(img *gips.Image) (*labelImage, error) {
	if img == nil {
		return nil, fmt.Errorf("labels: nil image: %w", ErrLabels)
	}
	g := img.Geometry()
	if g.SizeC != 1 || g.SizeT != 1 {
		return nil, fmt.Errorf("labels %v: want one channel and one time point: %w", g, ErrLabels)
	}
	li := &labelImage{w: g.SizeX, h: g.SizeY, d: g.SizeZ, t: g.Type, vol: g.Volume}
	if g.Type.IsFloat() || g.Type == gips.Binary {
		return nil, fmt.Errorf("labels of type %v: want a label or integer type: %w", g.Type, errors.Join(ErrLabels, gips.ErrBufferType))
	}
	err := gips.Dispatch(g.Type, gips.Kernels[rowArgs]{
		U8: labelRows[uint8], I8: labelRows[int8], U16: labelRows[uint16], I16: labelRows[int16],
		U32: labelRows[uint32], I32: labelRows[int32],
	}, rowArgs{img, li})
	if err != nil {
		return nil, fmt.Errorf("labels: %w", err)
	}
	return li, nil
}

// index maps label values to rows of the table: 0..n-1 in increasing label
// order, -1 for the background and absent values. Dense (a lookup table)
// when the largest label is not much larger than the image, a map
// otherwise, so that no allocation is sized by a label value alone.
type index struct {
	labels []uint32 // sorted, without 0
	lut    []int32
	sparse map[uint32]int32
}

// release gives ix's table back to the pool; ix is not used after.
func (ix *index) release() {
	scratch.Put(&pool, ix.lut)
	ix.lut = nil
}

func (ix *index) of(v uint32) int32 {
	if ix.lut != nil {
		return ix.lut[v]
	}
	if i, ok := ix.sparse[v]; ok {
		return i
	}
	return -1
}

// buildIndex finds the labels present, in two parallel passes (largest
// label, then presence).
func buildIndex(li *labelImage) (*index, error) {
	rows := li.h * li.d
	var mu sync.Mutex
	var maxLabel uint32
	var err error
	switch li.t.Storage() {
	case gips.UInt8, gips.Int8:
		maxLabel = 255 // a dense table by type: no pass for the largest label
	case gips.UInt16, gips.Int16:
		maxLabel = 65535
	default:
		err = slabs(rows, func(_, lo, hi int) error {
			buf := make([]uint32, li.w)
			var m uint32
			for r := lo; r < hi; r++ {
				row, err := li.row(r/li.h, r%li.h, buf)
				if err != nil {
					return err
				}
				for _, v := range row {
					m = max(m, v)
				}
			}
			mu.Lock()
			maxLabel = max(maxLabel, m)
			mu.Unlock()
			return nil
		})
	}
	if err != nil {
		return nil, err
	}
	pixels := li.w * li.h * li.d
	ix := &index{}
	if int64(maxLabel) <= max(1<<16, 2*int64(pixels)) {
		present := scratch.Get[atomic.Uint32](&pool, int(maxLabel)/32+1)
		defer scratch.Put(&pool, present)
		clear(present)
		err = slabs(rows, func(_, lo, hi int) error {
			buf := make([]uint32, li.w)
			for r := lo; r < hi; r++ {
				row, err := li.row(r/li.h, r%li.h, buf)
				if err != nil {
					return err
				}
				prev := ^uint32(0)
				for _, v := range row {
					if v != prev {
						// A load first: the atomic Or of every run made the
						// two workers take each other's lines, and one
						// worker's pass cost as much as two (40% of an
						// intensity table).
						if w, bit := &present[v/32], uint32(1)<<(v%32); w.Load()&bit == 0 {
							w.Or(bit)
						}
						prev = v
					}
				}
			}
			return nil
		})
		ix.lut = scratch.Get[int32](&pool, int(maxLabel)+1) // written in full
		for v := range ix.lut {
			ix.lut[v] = -1
			if v != 0 && present[v/32].Load()&(1<<(v%32)) != 0 {
				ix.lut[v] = int32(len(ix.labels))
				ix.labels = append(ix.labels, uint32(v))
			}
		}
		return ix, err
	}
	seen := map[uint32]struct{}{}
	err = slabs(rows, func(_, lo, hi int) error {
		buf := make([]uint32, li.w)
		local := map[uint32]struct{}{}
		for r := lo; r < hi; r++ {
			row, _ := li.row(r/li.h, r%li.h, buf)
			for _, v := range row {
				if v != 0 {
					local[v] = struct{}{}
				}
			}
		}
		mu.Lock()
		for v := range local {
			seen[v] = struct{}{}
		}
		mu.Unlock()
		return nil
	})
	for v := range seen {
		ix.labels = append(ix.labels, v)
	}
	slices.Sort(ix.labels)
	ix.sparse = make(map[uint32]int32, len(ix.labels))
	for i, v := range ix.labels {
		ix.sparse[v] = int32(i)
	}
	return ix, err
}
