package color

import (
	"fmt"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// greyToRgbInto copies the grey image src into the three channels of dst
// (same sizes and type, three channels). Each band of rows is copied into
// the three channels while it is in cache: one read of src from memory
// (a copy per channel read it three times: 48 MiB read instead of 16 for
// a 4096² uint8 image), rows moved by copy (memmove); where every plane
// is one run of bytes, pieces of flatPiece bytes instead of rows. Both
// images' bands are split across the workers, so the output's first-touch
// page faults are too.
func greyToRgbInto(dst, src *gips.Image) error {
	gs, gd := src.Geometry(), dst.Geometry()
	if gs.SizeC != 1 {
		return fmt.Errorf("greyToRgb: %v has %d channels: want a grey image: %w", gs, gs.SizeC, gips.ErrShape)
	}
	if gd.SizeC != 3 || gd.SizeX != gs.SizeX || gd.SizeY != gs.SizeY || gd.SizeZ != gs.SizeZ || gd.SizeT != gs.SizeT ||
		gd.Type.Storage() != gs.Type.Storage() {
		return fmt.Errorf("greyToRgb: output %v: want 3 channels of %v: %w", gd, gs, gips.ErrShape)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("greyToRgb: output: %w", err)
	}
	rowBytes := gs.SizeX * gs.Type.ItemSize()
	var panicked any
	var mu sync.Mutex
	work := func(planes, n, unitBytes int, fn func(i, z, t, u0, u1 int)) {
		par.BandsWork(planes, n, 4*unitBytes, func(i, u0, u1 int) {
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					panicked = r
					mu.Unlock()
				}
			}()
			fn(i, i%gs.SizeZ, i/gs.SizeZ, u0, u1)
		})
	}
	if sa, da := src.PlaneArrays(), dst.PlaneArrays(); flat(sa, rowBytes) && flat(da, rowBytes) {
		// Every plane one run of bytes: copied in pieces of
		// flatPiece bytes, each into the three channels while it is in
		// cache, by memmoves large enough for non-temporal stores.
		// A plane under 4 pieces is cut in 4 (of at least 64 KiB), so
		// that a 1024² one still keeps two workers busy.
		size := gs.SizeY * rowBytes
		piece := min(flatPiece, max(size/4, 64<<10))
		work(gs.SizeZ*gs.SizeT, (size+piece-1)/piece, min(piece, size), func(i, z, t, p0, p1 int) {
			in := planeBytes(sa[i], size)
			for p := p0; p < p1; p++ {
				lo, hi := p*piece, min((p+1)*piece, size)
				for c := range 3 {
					copy(planeBytes(da[gd.PlaneIndex(z, c, t)], size)[lo:hi], in[lo:hi])
				}
			}
		})
	} else {
		work(gs.SizeZ*gs.SizeT, gs.SizeY, rowBytes, func(i, z, t, y0, y1 int) {
			d0, d1, d2 := gd.PlaneIndex(z, 0, t), gd.PlaneIndex(z, 1, t), gd.PlaneIndex(z, 2, t)
			for y := y0; y < y1; y++ {
				row := src.Row(i, y)
				copy(dst.Row(d0, y), row)
				copy(dst.Row(d1, y), row)
				copy(dst.Row(d2, y), row)
			}
		})
	}
	if panicked != nil {
		return fmt.Errorf("greyToRgb: internal error: %v", panicked)
	}
	return nil
}

// flatPiece is the bytes greyToRgbInto copies at a time from a plane whose
// rows are one run: Go's memmove writes a move of 1 MiB or more with
// non-temporal stores, which do not first read the output's lines into
// the cache.
const flatPiece = 1 << 20

// flat reports whether each plane's rows follow one another in memory
// (top down, numpy's C order).
func flat(as []gips.Array, rowBytes int) bool {
	for _, a := range as {
		if a.Strides[0] != rowBytes {
			return false
		}
	}
	return true
}

// planeBytes is the size bytes of a flat plane.
func planeBytes(a gips.Array, size int) []byte { return a.Data[a.Offset : a.Offset+size] }
