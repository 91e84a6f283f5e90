package filter

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// Mean is the box (uniform) filter: each pixel becomes the mean of the
// size pixels (x), size rows (y) and, for a volume, size planes (z) around
// it, as scipy.ndimage.uniform_filter(a, size), with the same border modes
// (Reflect by default). An even size reaches one pixel further back than
// forward, as in scipy. Each channel and time point is filtered alone.
//
// The cost per pixel does not depend on size: sums run along each axis,
// adding the pixel that enters the window and subtracting the one that
// leaves. They run in float64, so for integer inputs they are exact.
//
// The output has the input's type by default, as in scipy (Binary and
// label inputs give Real32); WithOutput asks for another, Real32 for the
// mean itself. An integer output is the exact mean rounded to nearest,
// half away from zero, and saturated: scipy instead truncates after each
// axis, so its integer results can be lower by one or more.
func Mean(img *gips.Image, size int, opts ...Option) (*gips.Image, error) {
	return MeanXYZ(img, size, size, size, opts...)
}

// MeanXYZ is Mean with a size per axis, x first; sz is ignored for 2D
// images. A size of 1 leaves that axis unfiltered.
func MeanXYZ(img *gips.Image, sx, sy, sz int, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	if err := c.check("mean"); err != nil {
		return nil, err
	}
	t := c.output
	if t == 0 {
		t = img.Type()
		if t == gips.Binary || t.IsLabel() {
			t = gips.Real32
		}
	}
	out, err := gips.CreateImage(img.Geometry().WithType(t))
	if err != nil {
		return nil, fmt.Errorf("mean: %w", err)
	}
	out.SetCalibration(img.Calibration())
	return out, meanInto(out, img, [3]int{sx, sy, sz}, c)
}

// MeanInto is MeanXYZ into a caller's image of src's sizes; its buffer
// type is the output type (any plain numeric type). dst may be src, for an
// in-place filter: the source is then copied first.
func MeanInto(dst, src *gips.Image, sx, sy, sz int, opts ...Option) error {
	c := collect(opts)
	if err := c.check("mean"); err != nil {
		return err
	}
	return meanInto(dst, src, [3]int{sx, sy, sz}, c)
}

func meanInto(dst, src *gips.Image, size [3]int, c config) error {
	j := job[float64]{fn: "mean", src: src, dst: dst, mode: c.mode, div: 1}
	scale := c.cval
	for a, s := range size {
		if s < 1 {
			return fmt.Errorf("mean: size %d along %c: want >= 1: %w", s, "xyz"[a], ErrParam)
		}
		if a == 2 && !src.Geometry().Volume {
			s = 1
		}
		j.k[a] = kern1d[float64]{before: s / 2, after: s - 1 - s/2, box: true}
		if s == 1 {
			j.k[a] = identity[float64]()
		}
		j.cval[a] = scale
		scale *= float64(s)
		j.div *= float64(s)
	}
	return run(j)
}
