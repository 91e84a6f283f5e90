package label

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// Components labels the connected components of img at connectivity conn
// (gips.Conn4/Conn8 in 2D, Conn6/Conn18/Conn26 in 3D, gips.Full for the
// image's highest, as skimage.measure.label). A Binary image's nonzero
// pixels are one foreground; in any other integer image (grey or labels)
// neighbours join only when their values are equal and 0 is background,
// as skimage.measure.label(image, connectivity=...) on a non-binary
// array. Labels are 1..n in the raster order of each component's first
// pixel (x fastest, then y, then z): pixel for pixel the labels of
// scipy.ndimage.label and skimage.measure.label. Each channel and time
// point is labelled on its own, the numbering running on from one to the
// next (scipy.ndimage.label of the whole array with no connection along
// channels and time).
//
// The output is Label16, or Label32 when there are more than 65535
// components (WithOutput asks for a type); it returns n too, which is
// also the output's maximum. Floating-point images are refused.
func Components(img *gips.Image, conn gips.Connectivity, opts ...Option) (*gips.Image, int, error) {
	c := collect(opts)
	if c.output != 0 && maxLabel(c.output) == 0 {
		return nil, 0, fmt.Errorf("components: output %v: want an integer or label type: %w", c.output, gips.ErrBufferType)
	}
	f, err := build(img, conn, img.Type() == gips.Binary)
	if err != nil {
		return nil, 0, fmt.Errorf("components: %w", err)
	}
	t := c.output
	if t == 0 {
		t = gips.Label16
		if f.n > maxLabel(t) {
			t = gips.Label32
		}
	}
	defer f.release()
	out, err := gips.CreateImage(img.Geometry().WithType(t))
	if err != nil {
		return nil, 0, fmt.Errorf("components: %w", err)
	}
	out.SetCalibration(img.Calibration())
	if err := f.paintLabels("components", out); err != nil {
		return nil, 0, err
	}
	return out, f.n, nil
}

// ComponentsInto is Components into dst, an integer image of src's sizes
// (Label16, Label32, Int32, ...). It fails, writing nothing, when the
// count exceeds dst's type. dst may be src: the components are found
// before anything is written.
func ComponentsInto(dst, src *gips.Image, conn gips.Connectivity) (int, error) {
	if err := checkDst("components", dst, src); err != nil {
		return 0, err
	}
	if maxLabel(dst.Type()) == 0 {
		return 0, fmt.Errorf("components: destination %v: want an integer or label type: %w", dst.Type(), gips.ErrBufferType)
	}
	f, err := build(src, conn, src.Type() == gips.Binary)
	if err != nil {
		return 0, fmt.Errorf("components: %w", err)
	}
	defer f.release()
	return f.n, f.paintLabels("components", dst)
}

// Count is the number of components Components would find, without an
// output image.
func Count(img *gips.Image, conn gips.Connectivity) (int, error) {
	f, err := build(img, conn, img.Type() == gips.Binary)
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	f.release()
	return f.n, nil
}

func (f *forest) paintLabels(fn string, out *gips.Image) error {
	if m := maxLabel(out.Type()); f.n > m {
		return fmt.Errorf("%s: %d components do not fit in %v (at most %d): %w", fn, f.n, out.Type(), m, gips.ErrBufferType)
	}
	return f.paint(out, 0, false, nil) // labels fit: checked above
}

// Option sets an output type.
type Option func(*config)

type config struct {
	output gips.BufferType
}

// WithOutput sets the buffer type of an allocated output (an integer or
// label type).
func WithOutput(t gips.BufferType) Option { return func(c *config) { c.output = t } }

func collect(opts []Option) config {
	var c config
	for _, o := range opts {
		o(&c)
	}
	return c
}
