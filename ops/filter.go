package ops

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/filter"
)

// The filter family: scipy.ndimage's gaussian_filter and uniform_filter.

// filterTypes are the inputs filters read (Binary as 0/1).
var filterTypes = append(append([]gips.BufferType(nil), Numeric...), gips.Binary)

// outputChoices name an output buffer type or "same" (the input's).
var outputChoices = append(TypeNames(Numeric), "same")

func filterParams(extra ...Param) []Param {
	return append(extra,
		Param{Name: "mode", Doc: "border mode, scipy.ndimage's: reflect (d c b a | a b c d | d c b a), nearest, mirror (d c b | a b c d | c b a), constant (cval beyond the border), wrap (a b c d | a b c d | a b c d, scipy's wrap and grid-wrap)",
			Kind: Enum, Default: "reflect", Choices: filter.ModeNames},
		Param{Name: "cval", Doc: "the value beyond the border in constant mode", Kind: Float, Default: 0.0},
	)
}

// filterOptions reads mode and cval.
func filterOptions(p Values) ([]filter.Option, error) {
	m, err := filter.ParseMode(p.String("mode"))
	if err != nil {
		return nil, fmt.Errorf("parameter mode: %w", err)
	}
	return []filter.Option{filter.WithMode(m), filter.WithCval(p.Float("cval"))}, nil
}

// outputType is the "output" parameter for an input of type in.
func outputType(p Values, in gips.BufferType) (gips.BufferType, error) {
	s := p.String("output")
	if s == "same" {
		if in == gips.Binary || in.IsLabel() {
			return gips.Real32, nil
		}
		return in, nil
	}
	t, err := gips.ParseBufferType(s)
	if err != nil {
		return 0, fmt.Errorf("parameter output: %w", err)
	}
	return t, nil
}

// axes3 expands a per-axis parameter to x, y, z whatever the image: one
// value for all, two for x and y (z then gets zero), three as given. The
// halo functions, which see no image, use it.
func axes3(v []float64) [3]float64 {
	switch len(v) {
	case 1:
		return [3]float64{v[0], v[0], v[0]}
	case 2:
		return [3]float64{v[0], v[1], 0}
	}
	return [3]float64{v[0], v[1], v[2]}
}

// perAxis is a per-axis parameter for the image: 1 value, or one per axis
// (2 for a 2D image, 3 for a volume), x first; z is 0 for a 2D image.
func perAxis(p Values, name string, img *gips.Image) ([3]float64, error) {
	n := 2
	if img.Geometry().Volume {
		n = 3
	}
	v, err := p.PerAxis(name, n)
	if err != nil {
		return [3]float64{}, err
	}
	return axes3(v), nil
}

func init() {
	Register(&Op{
		Name: "filter.gaussian",
		Doc: "Gaussian smoothing, scipy.ndimage.gaussian_filter: a separable Gaussian of standard deviation sigma pixels along x and y (and z for a volume; " +
			"channels and time points alone), kernel radius int(truncate*sigma+0.5), weights normalised to sum 1, sigma 0 leaves an axis alone. " +
			"Output Real32 by default or the type named by output ('same': the input's); accumulation in float32 (float64 for 32-bit integer and Real64 inputs); " +
			"integer outputs are rounded half away from zero and saturated once at the end (scipy truncates after each axis). Border: mode and cval as scipy.",
		Inputs: []Input{{Name: "image", Types: filterTypes}},
		Params: filterParams(
			Param{Name: "sigma", Doc: "standard deviation in pixels, one value or one per axis (x,y[,z])", Kind: Floats, Default: []float64{1}, Min: Bound(0)},
			Param{Name: "truncate", Doc: "kernel radius in sigmas", Kind: Float, Default: 4.0, Min: Bound(0)},
			Param{Name: "output", Doc: "output buffer type, or same for the input's", Kind: Enum, Default: "Real32", Choices: outputChoices},
		),
		Output: func(in []gips.Geometry, p Values) (gips.Geometry, error) {
			t, err := outputType(p, in[0].Type)
			return in[0].WithType(t), err
		},
		Halo: func(p Values) [3]int {
			s := axes3(p.Floats("sigma"))
			t := p.Float("truncate")
			return [3]int{filter.Radius(s[0], t), filter.Radius(s[1], t), filter.Radius(s[2], t)}
		},
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p Values) (Result, error) {
			s, err := perAxis(p, "sigma", in[0])
			if err != nil {
				return Result{}, err
			}
			opts, err := filterOptions(p)
			if err != nil {
				return Result{}, err
			}
			opts = append(opts, filter.WithTruncate(p.Float("truncate")))
			return ImageResult(out), filter.GaussianInto(out, in[0], s[0], s[1], s[2], opts...)
		},
	})
	Register(&Op{
		Name: "filter.mean",
		Doc: "Box (mean) filter, scipy.ndimage.uniform_filter: the mean over size pixels along x and y (and z for a volume; channels and time points alone); " +
			"an even size reaches one pixel further back than forward, as in scipy. Running sums in float64, O(1) per pixel whatever the size, exact for integers. " +
			"Output the input's type by default (as scipy; Binary gives Real32) or the type named by output; integer outputs are the exact mean rounded half away from zero " +
			"(scipy truncates after each axis). Border: mode and cval as scipy.",
		Inputs: []Input{{Name: "image", Types: filterTypes}},
		Params: filterParams(
			Param{Name: "size", Doc: "box size in pixels, one integer or one per axis (x,y[,z])", Kind: Floats, Default: []float64{3}, Min: Bound(1)},
			Param{Name: "output", Doc: "output buffer type, or same for the input's", Kind: Enum, Default: "same", Choices: outputChoices},
		),
		Output: func(in []gips.Geometry, p Values) (gips.Geometry, error) {
			t, err := outputType(p, in[0].Type)
			return in[0].WithType(t), err
		},
		Halo: func(p Values) [3]int {
			s := axes3(p.Floats("size"))
			return [3]int{int(s[0]) / 2, int(s[1]) / 2, int(s[2]) / 2}
		},
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p Values) (Result, error) {
			s, err := perAxis(p, "size", in[0])
			if err != nil {
				return Result{}, err
			}
			var n [3]int
			for a, v := range s {
				if v != math.Trunc(v) || v > 1<<30 {
					return Result{}, fmt.Errorf("parameter size: %v is not an integer: %w", v, ErrParam)
				}
				n[a] = max(int(v), 1) // z of a 2D image
			}
			opts, err := filterOptions(p)
			if err != nil {
				return Result{}, err
			}
			return ImageResult(out), filter.MeanInto(out, in[0], n[0], n[1], n[2], opts...)
		},
	})
}
