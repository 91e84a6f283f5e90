package segment

import (
	"math"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
)

// The plain watershed of an 8- or 16-bit image (no compactness, no line)
// needs of a pixel only its label and its grey level: a pcell of 8 bytes
// instead of a 16-byte cell, the label with outside (the padding and
// pixels outside the mask) marked by a value no label takes. The flood
// visits memory in the order of values, nearly every neighbour a cache
// miss: half the bytes, half the lines; label and level side by side, one
// miss for both.

// outside marks a pixel that is never flooded. Markers holding this value
// as int32 (only 32-bit markers can) send the call to the cells
// (holdsOutside).
const outside = math.MinInt32

type pcell struct {
	lab int32
	lev uint16 // value + off
	// flag: the watershed-line mode's marks (line.go), gone and queued.
	flag uint8
}

var pcells scratch.Pool

// plainMode reports whether c on an image of n levels, pixels padded
// pixels and nbr neighbours is the plain or the watershed-line watershed
// with the compact arrays (the line mode's heap keys hold an age below
// 2^32 and a pixel is queued at most once per neighbour).
func plainMode(levels, pixels, nbr int, c config) bool {
	return levels > 0 && c.compactness == 0 && !c.cellsOnly && (!c.line || int64(pixels)*int64(nbr) < 1<<32-1)
}

func loadPlainKernel[T gips.Pixel](a loadArgs) error {
	planes, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	w := a.w
	off := w.off
	// Rows in parallel (each writes only its own cells): the load is a
	// tenth of a raster-mode flood at one thread.
	par.BandsWork(w.g.SizeZ, w.g.SizeY, w.g.SizeX*(8+a.img.Type().ItemSize()), func(z, y0, y1 int) {
		p := planes[a.plane0+z]
		for y := y0; y < y1; y++ {
			i := w.at(0, y, z)
			row := p.Row(y)
			switch a.what {
			case 0:
				pc := w.pc[i : i+len(row)]
				for x, v := range row {
					pc[x].lev = uint16(int(v) + off)
				}
			case 1:
				pc := w.pc[i : i+len(row)]
				for x, v := range row {
					pc[x] = pcell{lab: int32(int64(v)), lev: pc[x].lev}
				}
			default:
				pc := w.pc[i : i+len(row)]
				for x, v := range row {
					if v == 0 {
						pc[x].lab = outside
					}
				}
			}
		}
	})
	return nil
}

func (w *flood) loadPlainOne(img *gips.Image, plane0, what int) error {
	return gips.Dispatch(img.Type(), gips.AllKernels(loadPlainKernel[uint8], loadPlainKernel[int8], loadPlainKernel[uint16], loadPlainKernel[int16],
		loadPlainKernel[uint32], loadPlainKernel[int32], loadPlainKernel[float32], loadPlainKernel[float64]), loadArgs{w, img, plane0, what})
}

// loadPlain fills lab and lev for the volume starting at plane0: the
// frame outside, markers (dropped outside the mask: that pixel is outside).
func (w *flood) loadPlain(img, markers, mask *gips.Image, plane0 int) error {
	pl := w.px * w.py
	out := pcell{lab: outside}
	for z := 0; z < w.pz; z++ {
		p := w.pc[z*pl : (z+1)*pl]
		if w.pz > 1 && (z == 0 || z == w.pz-1) {
			fill(p, out)
			continue
		}
		fill(p[:w.px], out)
		fill(p[pl-w.px:], out)
		for y := 1; y < w.py-1; y++ {
			p[y*w.px], p[y*w.px+w.px-1] = out, out
		}
	}
	if err := w.loadPlainOne(img, plane0, 0); err != nil {
		return err
	}
	if err := w.loadPlainOne(markers, plane0, 1); err != nil {
		return err
	}
	if mask != nil {
		return w.loadPlainOne(mask, plane0, 2)
	}
	return nil
}

func holdsOutsideKernel[T gips.Pixel](img *gips.Image) (bool, error) {
	planes, err := gips.Planes[T](img)
	if err != nil {
		return false, err
	}
	for _, p := range planes {
		for y := range img.SizeY() {
			for _, v := range p.Row(y) {
				if int32(int64(v)) == outside {
					return true, nil
				}
			}
		}
	}
	return false, nil
}

// holdsOutside reports whether a 32-bit marker image has a pixel equal to
// outside as int32 (-2^31, or 2^31 in a UInt32 image).
func holdsOutside(markers *gips.Image) bool {
	st := markers.Type().Storage()
	if st != gips.UInt32 && st != gips.Int32 {
		return false
	}
	var found bool
	var err error
	if st == gips.UInt32 {
		found, err = holdsOutsideKernel[uint32](markers)
	} else {
		found, err = holdsOutsideKernel[int32](markers)
	}
	return found || err != nil
}

func fill(s []pcell, v pcell) {
	for i := range s {
		s[i] = v
	}
}

func storePlainKernel[T gips.Pixel](a storeArgs) error {
	return storeRows(a, func(row []T, i int) {
		for x, c := range a.w.pc[i : i+len(row)] {
			l := c.lab
			if l == outside {
				l = 0
			}
			row[x] = T(l)
		}
	})
}

func (w *flood) storePlain(dst *gips.Image, plane0 int) error {
	return gips.Dispatch(dst.Type(), gips.Kernels[storeArgs]{
		U8: storePlainKernel[uint8], I8: storePlainKernel[int8], U16: storePlainKernel[uint16], I16: storePlainKernel[int16],
		U32: storePlainKernel[uint32], I32: storePlainKernel[int32],
	}, storeArgs{w, dst, plane0})
}

// histogramPlain counts the pixels inside at each level: each is queued
// at most once, so these are the buckets' capacities.
func (w *flood) histogramPlain() []int {
	h := make([]int, w.levels)
	workers := par.Workers()
	if len(w.pc) < histParallel || workers < 2 {
		countLevels(w.pc, h)
		return h
	}
	// One part a worker, each counted into its own histogram, then summed.
	var mu sync.Mutex
	par.For(len(w.pc), (len(w.pc)+workers-1)/workers, func(lo, hi int) {
		local := make([]int, w.levels)
		countLevels(w.pc[lo:hi], local)
		mu.Lock()
		for l, n := range local {
			h[l] += n
		}
		mu.Unlock()
	})
	return h
}

// histParallel is the cells from which histogramPlain splits the count
// (a 16-bit image's histograms are 512 KiB each to clear and sum).
const histParallel = 4 << 20

func countLevels(pc []pcell, h []int) {
	for _, c := range pc {
		if c.lab != outside {
			h[c.lev]++
		}
	}
}
