package filter

import (
	"fmt"
	"math"

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
// leaves, and a box longer than its line's border pattern is folded onto
// it (whole periods, or runs of the edge value, added once per line). For
// integer inputs they are exact: in integer lanes for UInt8, UInt16 and
// Int16 into their own type (mean_fixed.go, mean_wide.go), else in float32
// while every sum stays below 2^24 (e.g. UInt16 with boxes up to 256
// pixels), float64 beyond; float inputs sum in float64 (a Real32 image into
// Real32 with the same operations in vector lanes, mean_float.go).
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
		t = SameType(img.Type())
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

// SameType is the output type of a filter that keeps its input's type
// (Mean by default, and output "same"): the input's, but Real32 for Binary
// and label inputs, whose means are not labels or 0/1.
func SameType(in gips.BufferType) gips.BufferType {
	if in == gips.Binary || in.IsLabel() {
		return gips.Real32
	}
	return in
}

// meanInto runs the integer and Real32 kernels where they apply (each
// gives the float path's result), else sums in float32 when every sum is
// an integer below 2^24 in
// magnitude (an integer image, a box small enough for its type, an integer
// cval within the type's range), which float32 holds exactly, and in
// float64 otherwise (exact for integers up to 2^53).
func meanInto(dst, src *gips.Image, size [3]int, c config) error {
	n := 1.0
	for a, s := range size {
		if s < 1 {
			return fmt.Errorf("mean: size %d along %c: want >= 1: %w", s, "xyz"[a], ErrParam)
		}
		if a < 2 || src.Geometry().Volume {
			n *= float64(s)
		}
	}
	if done, err := meanFixed(dst, src, size, c); done {
		return err
	}
	if done, err := meanWide(dst, src, size, c); done {
		return err
	}
	if done, err := meanFloat(dst, src, size, c); done {
		return err
	}
	if done, err := meanSlab(dst, src, size, c); done {
		return err
	}
	t := src.Type()
	lo, hi := t.Range()
	top := max(-lo, hi)
	if c.mode == Constant {
		top = max(top, math.Abs(c.cval))
	}
	if !t.IsFloat() && top*n < 1<<24 && c.cval == math.Trunc(c.cval) {
		j := meanJob[float32](dst, src, size, c)
		j.exact32 = math.Mod(n, 2) == 1 && top*n < 1<<21 // a margin of 2 on the bound in job.exact32
		return run(j)
	}
	return run(meanJob[float64](dst, src, size, c))
}

// meanJob folds each box onto its axis (foldBox), so that neither time nor
// memory grows with the size beyond what the image's length needs.
func meanJob[A accum](dst, src *gips.Image, size [3]int, c config) job[A] {
	j := job[A]{fn: "mean", src: src, dst: dst, mode: c.mode, div: 1}
	g := src.Geometry()
	scale := c.cval
	for a, n := range [3]int{g.SizeX, g.SizeY, g.SizeZ} {
		s := size[a]
		if a == 2 && !g.Volume {
			s = 1
		}
		j.k[a] = foldBox(kern1d[A]{before: s / 2, after: s - 1 - s/2, box: true, n: n}, n, c.mode)
		if s == 1 {
			j.k[a] = identity[A]()
		}
		j.cval[a] = A(scale)
		scale *= float64(s)
		j.div *= A(s)
	}
	return j
}

// MeanRadius is how far a box of size pixels reaches, size/2 (an even box
// reaches one pixel further back than forward): the halo a chunk needs
// along that axis. Like Radius it saturates at MaxRadius and is never
// negative, whatever the value (a box beyond an image is folded onto it, so
// no halo needs to be wider than the image).
func MeanRadius(size float64) int {
	if !(size >= 1) {
		return 0
	}
	if !(size/2 < MaxRadius) {
		return MaxRadius
	}
	return int(size) / 2
}

// meanSlab runs the box mean of a UInt8 or UInt16 volume into its own type
// through the streamed 3D path (stream3d.go): sums of ones along y, x and
// z in float32, exact while every sum is an integer below 2^24, and the
// exact rounded quotient (meanQuot). It needs the streamed path's borders
// (cval 0 in Constant mode) and boxes of at most 31 pixels per axis (the
// slab's borders grow with the box); done false leaves the call to the
// general path.
func meanSlab(dst, src *gips.Image, size [3]int, c config) (done bool, err error) {
	t := src.Type()
	if !src.Geometry().Volume || (t != gips.UInt8 && t != gips.UInt16) || dst.Type() != t || !canStream(src, c) {
		return false, nil
	}
	n := 1
	var k [3][]float32
	for a, s := range size {
		if s > 31 {
			return false, nil
		}
		n *= s
		// The box covers -s/2 .. s-1-s/2 around the pixel (an even box
		// reaches one further back), on a kernel centred at s/2.
		r := s / 2
		k[a] = make([]float32, 2*r+1)
		for j := -r; j <= s-1-r; j++ {
			k[a][r+j] = 1
		}
	}
	// The quotient's remainder, q·n, must stay exact: n·(max+1) < 2^24.
	if _, hi := t.Range(); n == 1 || float64(n)*(hi+1) >= 1<<24 {
		return false, nil
	}
	return true, runStream3D("mean", dst, src, []comp3[float32]{{k[0], k[1], k[2]}}, meanOf, float64(n), c)
}
