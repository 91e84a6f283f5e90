package segment

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// Moving pixels between the images and the padded cells of one volume.

type loadArgs struct {
	w      *flood
	img    *gips.Image
	plane0 int
	what   int // 0 values, 1 markers, 2 mask
}

func loadKernel[T gips.Pixel](a loadArgs) error {
	planes, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	w := a.w
	// Rows in parallel (each writes only its own cells).
	par.BandsWork(w.g.SizeZ, w.g.SizeY, w.g.SizeX*(16+a.img.Type().ItemSize()), func(z, y0, y1 int) {
		p := planes[a.plane0+z]
		for y := y0; y < y1; y++ {
			i := w.at(0, y, z)
			for x, v := range p.Row(y) {
				switch a.what {
				case 0:
					w.cells[i+x].val = float64(v)
				case 1:
					w.cells[i+x].lab = int32(int64(v))
				default:
					w.cells[i+x].in = v != 0
				}
			}
		}
	})
	return nil
}

func (w *flood) loadOne(img *gips.Image, plane0, what int) error {
	return gips.Dispatch(img.Type(), gips.AllKernels(loadKernel[uint8], loadKernel[int8], loadKernel[uint16], loadKernel[int16],
		loadKernel[uint32], loadKernel[int32], loadKernel[float32], loadKernel[float64]), loadArgs{w, img, plane0, what})
}

// load fills the padded arrays for the volume starting at plane0: the
// padding is outside the mask and unlabelled, markers outside the mask
// are dropped (scikit-image multiplies them by the mask).
func (w *flood) load(img, markers, mask *gips.Image, plane0 int) error {
	w.clearPadding()
	if err := w.loadOne(img, plane0, 0); err != nil {
		return err
	}
	if err := w.loadOne(markers, plane0, 1); err != nil {
		return err
	}
	if mask != nil {
		if err := w.loadOne(mask, plane0, 2); err != nil {
			return err
		}
	} else {
		for z := 0; z < w.g.SizeZ; z++ {
			for y := 0; y < w.g.SizeY; y++ {
				i := w.at(0, y, z)
				for x := range w.g.SizeX {
					w.cells[i+x].in = true
				}
			}
		}
	}
	for i := range w.cells {
		if !w.cells[i].in {
			w.cells[i].lab = 0
		}
	}
	return nil
}

type storeArgs struct {
	w      *flood
	dst    *gips.Image
	plane0 int
}

// storeRows calls put for every row of the output with the index of the
// row's first cell, so that the two cell layouts share one walk.
func storeRows[T gips.Pixel](a storeArgs, put func(row []T, i int)) error {
	planes, err := gips.WritablePlanes[T](a.dst)
	if err != nil {
		return err
	}
	w := a.w
	// Rows in parallel: put writes only the row it is given.
	par.BandsWork(w.g.SizeZ, w.g.SizeY, w.g.SizeX*(8+a.dst.Type().ItemSize()), func(z, y0, y1 int) {
		p := planes[a.plane0+z]
		for y := y0; y < y1; y++ {
			put(p.Row(y), w.at(0, y, z))
		}
	})
	return nil
}

func storeKernel[T gips.Pixel](a storeArgs) error {
	return storeRows(a, func(row []T, i int) {
		for x, c := range a.w.cells[i : i+len(row)] {
			row[x] = T(c.lab)
		}
	})
}

func (w *flood) store(dst *gips.Image, plane0 int) error {
	return gips.Dispatch(dst.Type(), gips.Kernels[storeArgs]{
		U8: storeKernel[uint8], I8: storeKernel[int8], U16: storeKernel[uint16], I16: storeKernel[int16],
		U32: storeKernel[uint32], I32: storeKernel[int32],
	}, storeArgs{w, dst, plane0})
}

// clearPadding zeroes the cells of the one-pixel frame (outside the mask,
// unlabelled); load writes every field of the others, so clearing them
// too (a quarter of a gigabyte for a 4096x4096 image) would be wasted.
func (w *flood) clearPadding() {
	pl := w.px * w.py
	for z := 0; z < w.pz; z++ {
		p := w.cells[z*pl : (z+1)*pl]
		if w.pz > 1 && (z == 0 || z == w.pz-1) {
			clear(p)
			continue
		}
		clear(p[:w.px])
		clear(p[pl-w.px:])
		for y := 1; y < w.py-1; y++ {
			p[y*w.px] = cell{}
			p[y*w.px+w.px-1] = cell{}
		}
	}
}
