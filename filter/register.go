package filter

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The filter family's ops: scipy.ndimage's gaussian_filter and
// uniform_filter.

// inputTypes are the inputs filters read (Binary as 0/1).
var inputTypes = append(append([]gips.BufferType(nil), ops.Numeric...), gips.Binary)

// options reads mode and cval.
func options(p ops.Values) ([]Option, error) {
	m, cval, err := ops.Border(p)
	if err != nil {
		return nil, err
	}
	return []Option{WithMode(m), WithCval(cval)}, nil
}

func init() {
	ops.Register(&ops.Op{
		Name: "filter.gaussian",
		Doc: "Gaussian smoothing, scipy.ndimage.gaussian_filter: a separable Gaussian of standard deviation sigma pixels along x and y (and z for a volume; " +
			"channels and time points alone), kernel radius int(truncate*sigma+0.5), weights normalised to sum 1, sigma 0 leaves an axis alone. " +
			"Output Real32 by default or the type named by output ('same': the input's); accumulation in float32 (float64 for 32-bit integer and Real64 inputs); " +
			"integer outputs are rounded half away from zero and saturated once at the end (scipy truncates after each axis); " +
			"a UInt8 image into UInt8 (2D) runs in fixed point (16-bit lanes, about 2.5x less CPU than the float path), every output within 1 grey level of the exact float64 value rounded " +
			"(a proved bound; precise=true takes the float path). Border: mode and cval as scipy; " +
			"a kernel wider than the image is folded by the mode's period (cost independent of sigma); radii beyond 2^26 are refused.",
		Inputs: []ops.Input{{Name: "image", Types: inputTypes}},
		Params: append([]ops.Param{
			{Name: "sigma", Doc: "standard deviation in pixels, one value or one per axis", Kind: ops.Floats, Default: []float64{1}, Min: ops.Bound(0)},
			{Name: "truncate", Doc: "kernel radius in sigmas", Kind: ops.Float, Default: 4.0, Min: ops.Bound(0)},
			ops.OutputParam("Real32", ops.Numeric),
			{Name: "precise", Doc: "for a UInt8 image into UInt8: the float path (scipy's value within float32 rounding, then rounded) instead of the fixed-point one (within 1 grey level of it)", Kind: ops.Bool, Default: false},
		}, ops.ModeParams()...),
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			t, err := ops.Output(p, in[0].Type, func(t gips.BufferType) gips.BufferType { return t })
			return in[0].WithType(t), err
		},
		Halo: func(_ []gips.Geometry, p ops.Values) [3]int {
			s := ops.Axes3(p.Floats("sigma"))
			t := p.Float("truncate")
			return [3]int{Radius(s[0], t), Radius(s[1], t), Radius(s[2], t)}
		},
		InPlace: true,
		Local:   true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			s, err := ops.PerAxis3(p, "sigma", in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			opts, err := options(p)
			if err != nil {
				return ops.Result{}, err
			}
			opts = append(opts, WithTruncate(p.Float("truncate")))
			if p.Bool("precise") {
				opts = append(opts, WithPrecise())
			}
			return ops.ImageResult(out), GaussianInto(out, in[0], s[0], s[1], s[2], opts...)
		},
	})
	ops.Register(&ops.Op{
		Name: "filter.mean",
		Doc: "Box (mean) filter, scipy.ndimage.uniform_filter: the mean over size pixels along x and y (and z for a volume; channels and time points alone); " +
			"an even size reaches one pixel further back than forward, as in scipy. Running sums, O(1) per pixel whatever the size, exact for integers. " +
			"Output the input's type by default (as scipy; Binary and labels give Real32) or the type named by output; integer outputs are the exact mean rounded half away from zero " +
			"(scipy truncates after each axis). Border: mode and cval as scipy.",
		Inputs: []ops.Input{{Name: "image", Types: inputTypes}},
		Params: append([]ops.Param{
			{Name: "size", Doc: "box size in pixels, one integer or one per axis", Kind: ops.Ints, Default: []int{3}, Min: ops.Bound(1)},
			ops.OutputParam("same", ops.Numeric),
		}, ops.ModeParams()...),
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			t, err := ops.Output(p, in[0].Type, SameType)
			return in[0].WithType(t), err
		},
		Halo: func(_ []gips.Geometry, p ops.Values) [3]int {
			s := ops.Axes3(p.Ints("size"))
			return [3]int{MeanRadius(float64(s[0])), MeanRadius(float64(s[1])), MeanRadius(float64(s[2]))}
		},
		InPlace: true,
		Local:   true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			n, err := ops.PerAxisInts3(p, "size", in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			opts, err := options(p)
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), MeanInto(out, in[0], n[0], n[1], n[2], opts...)
		},
	})
}
