package label

import (
	"encoding/binary"
	"fmt"
	"github.com/gipsdev/gips/internal/scratch"
	"sync/atomic"

	"github.com/gipsdev/gips"
)

// KeepSeeded is the components of mask (its nonzero pixels, connected at
// conn) that hold at least one nonzero pixel of seeds, as a Binary image:
// scikit-image's apply_hysteresis_threshold once its two thresholds are
// applied (mask the weak pixels, seeds the strong). seeds is a Binary or
// UInt8 image of mask's sizes; a seed outside the mask seeds nothing.
// Channels and time points are separate, as in Components.
func KeepSeeded(mask, seeds *gips.Image, conn gips.Connectivity) (*gips.Image, error) {
	out, err := gips.CreateImage(mask.Geometry().WithType(gips.Binary))
	if err != nil {
		return nil, fmt.Errorf("keepSeeded: %w", err)
	}
	out.SetCalibration(mask.Calibration())
	return out, KeepSeededInto(out, mask, seeds, conn)
}

// KeepSeededInto is KeepSeeded into dst, a Binary or UInt8 image of mask's
// sizes (1 on the kept pixels, 0 elsewhere). dst may be mask: the
// components are found before anything is written.
func KeepSeededInto(dst, mask, seeds *gips.Image, conn gips.Connectivity) error {
	if err := checkDst("keepSeeded", dst, mask); err != nil {
		return err
	}
	if t := dst.Type(); t != gips.Binary && t != gips.UInt8 {
		return fmt.Errorf("keepSeeded: destination %v: want Binary or UInt8: %w", t, gips.ErrBufferType)
	}
	sg, mg := seeds.Geometry(), mask.Geometry()
	if sg.SizeX != mg.SizeX || sg.SizeY != mg.SizeY || sg.SizeZ != mg.SizeZ || sg.SizeC != mg.SizeC || sg.SizeT != mg.SizeT {
		return fmt.Errorf("keepSeeded: seeds %v and mask %v differ in size: %w", sg, mg, gips.ErrShape)
	}
	if t := seeds.Type(); t != gips.Binary && t != gips.UInt8 {
		return fmt.Errorf("keepSeeded: seeds of type %v: want Binary or UInt8: %w", t, gips.ErrBufferType)
	}
	sp, err := gips.Planes[uint8](seeds)
	if err != nil {
		return fmt.Errorf("keepSeeded: %w", err)
	}
	f, err := build(mask, conn, true)
	if err != nil {
		return fmt.Errorf("keepSeeded: %w", err)
	}
	defer f.release()
	// A component is kept once any of its runs covers a seed. Slabs mark
	// labels concurrently: a label already marked is not scanned again.
	hit := scratch.Get[uint32](&bufs, f.n+1) // pooled (see scratch.go): cleared, as make's would be
	defer scratch.Put(&bufs, hit)
	clear(hit)
	b := f.slabs()
	err = parallel(len(b)-1, func(s int) {
		f.rows(b[s], b[s+1], func(r int, rs []run, labels []uint32) {
			row := sp[r/f.sy].Row(r % f.sy)
			for i, x := range rs {
				l := labels[i]
				if atomic.LoadUint32(&hit[l]) != 0 {
					continue
				}
				if anySet(row[x.x0:x.x1]) {
					atomic.StoreUint32(&hit[l], 1)
				}
			}
		})
	})
	if err != nil {
		return fmt.Errorf("keepSeeded: %w", err)
	}
	return f.paintTable(dst, hit)
}

// anySet reports whether a byte of b is nonzero, eight at a time (seed
// runs are often long: a per-byte loop was most of the scan).
func anySet(b []uint8) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b) != 0 {
			return true
		}
		b = b[8:]
	}
	for _, v := range b {
		if v != 0 {
			return true
		}
	}
	return false
}
