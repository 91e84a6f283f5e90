package threshold

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
	"github.com/gipsdev/gips/label"
)

// Hysteresis is skimage.filters.apply_hysteresis_threshold(a, low, high):
// a Binary image with 1 on every pixel v > low that is connected, through
// pixels v > low, to a pixel v > high. Both comparisons are strict; low
// above high is lowered to high, as there. conn says which pixels touch
// (gips.Conn4/Conn6, faces, is scikit-image's: it labels with
// scipy.ndimage.label's default structure; gips.Full is 8 or 26
// neighbours). A volume is connected across z; channels and time points
// are thresholded separately.
func Hysteresis(img *gips.Image, low, high float64, conn gips.Connectivity) (*gips.Image, error) {
	out, err := newBinary(img)
	if err != nil {
		return nil, err
	}
	return out, HysteresisInto(out, img, low, high, conn)
}

// HysteresisInto is Hysteresis into a caller's Binary or UInt8 image of
// src's sizes. dst may be src (a UInt8 or Binary image thresholded in
// place).
func HysteresisInto(dst, src *gips.Image, low, high float64, conn gips.Connectivity) error {
	if math.IsNaN(low) || math.IsNaN(high) {
		return fmt.Errorf("hysteresis: low %v high %v: %w", low, high, ErrParam)
	}
	ndim := 2
	if src.Geometry().Volume {
		ndim = 3
	}
	if _, err := conn.Offsets(ndim); err != nil {
		return fmt.Errorf("hysteresis: %w", err)
	}
	if err := checkBinaryDst("hysteresis", dst, src); err != nil {
		return err
	}
	low = min(low, high)
	// The strong pixels first (dst may be src), then the weak mask in dst;
	// the weak pixels' components that hold a strong one are kept (the
	// parallel run labelling of package label, not a flood fill: a volume
	// is one flood, which no second core would share).
	strong, release, err := pooledMask(src.Geometry())
	if err != nil {
		return err
	}
	defer release()
	if err := AboveInto(strong, src, high); err != nil {
		return err
	}
	if err := RangeInto(dst, src, math.Nextafter(low, math.Inf(1)), math.Inf(1)); err != nil {
		return err
	}
	if err := label.KeepSeededInto(dst, dst, strong, conn); err != nil {
		return fmt.Errorf("hysteresis: %w", err)
	}
	return nil
}

// maskPool keeps hysteresis' mask of strong pixels between calls: a fresh
// image of a 4096x4096 input faulted in its 16 MiB on every call (page
// faults cost 10 us each on this project's bench machine, a VM), a
// quarter of the call.
var maskPool scratch.Pool

// pooledMask is a Binary image of g's sizes on a buffer from maskPool,
// with whatever the buffer held, and the function that gives it back.
func pooledMask(g gips.Geometry) (*gips.Image, func(), error) {
	g.Type = gips.Binary
	if err := gips.CheckAlloc("hysteresis: mask", g.Pixels(), 1); err != nil {
		return nil, nil, err
	}
	buf := scratch.Get[uint8](&maskPool, g.Pixels())
	img, err := gips.FromArrayGeometry(gips.ArrayOf(buf, g.Shape()...), g)
	if err != nil {
		scratch.Put(&maskPool, buf)
		return nil, nil, err
	}
	return img, func() { scratch.Put(&maskPool, buf) }, nil
}
