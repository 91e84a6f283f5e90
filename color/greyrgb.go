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
// a 4096² uint8 image), rows moved by copy (memmove). Both images' bands
// are split across the workers, so the output's first-touch page faults
// are too.
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
	par.BandsWork(gs.SizeZ*gs.SizeT, gs.SizeY, 4*rowBytes, func(i, y0, y1 int) {
		defer func() {
			if r := recover(); r != nil {
				mu.Lock()
				panicked = r
				mu.Unlock()
			}
		}()
		z, t := i%gs.SizeZ, i/gs.SizeZ
		d0, d1, d2 := gd.PlaneIndex(z, 0, t), gd.PlaneIndex(z, 1, t), gd.PlaneIndex(z, 2, t)
		for y := y0; y < y1; y++ {
			row := src.Row(i, y)
			copy(dst.Row(d0, y), row)
			copy(dst.Row(d1, y), row)
			copy(dst.Row(d2, y), row)
		}
	})
	if panicked != nil {
		return fmt.Errorf("greyToRgb: internal error: %v", panicked)
	}
	return nil
}
