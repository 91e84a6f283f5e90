package util

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// EraseImg fills every pixel of img with value, converted to the image's
// type as by gips.Saturate (round half away from zero, clamp; for Binary
// any non-zero value is 1). It fails on a read-only image.
func EraseImg(img *gips.Image, value float64) error { return gips.EraseImg(img, value) }

// CopyImg copies src's pixels into dst, which has src's sizes and buffer
// type (the reference SDK's argument order: source first). Any layouts;
// dst may overlap src.
func CopyImg(src, dst *gips.Image) error {
	if src.Type() != dst.Type() {
		return fmt.Errorf("copyImg: source %v, destination %v: the types must be equal (use ConvertImg): %w", src.Type(), dst.Type(), gips.ErrBufferType)
	}
	return gips.CopyImg(src, dst)
}

// Copy returns a new C-contiguous copy of img (geometry, calibration and
// pixels), writable even when img is not.
func Copy(img *gips.Image) (*gips.Image, error) { return gips.Copy(img) }
