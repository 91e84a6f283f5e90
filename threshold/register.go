package threshold

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The threshold family: the reference SDK's threshold(img, min, max), light
// and dark thresholds, Otsu (scikit-image's threshold_otsu) and hysteresis
// (scikit-image's apply_hysteresis_threshold).

func init() {
	binary := ops.OfType(gips.Binary)
	ops.Register(&ops.Op{
		Name: "threshold.range",
		Doc: "The reference SDK's threshold(img, min, max): Binary, 1 where min <= v <= max (NaN is 0), comparisons exact in float64. " +
			"Every channel and plane alike; pointwise, no border.",
		Inputs: []ops.Input{{Name: "image"}},
		Params: []ops.Param{
			{Name: "min", Doc: "lowest value kept", Kind: ops.Float},
			{Name: "max", Doc: "highest value kept", Kind: ops.Float},
		},
		Output: binary,
		Local:  true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), RangeInto(out, in[0], p.Float("min"), p.Float("max"))
		},
	})
	ops.Register(&ops.Op{
		Name:   "threshold.light",
		Doc:    "Light threshold: Binary, 1 where v >= value (NaN is 0). Pointwise, no border.",
		Inputs: []ops.Input{{Name: "image"}},
		Params: []ops.Param{{Name: "value", Doc: "the threshold, kept", Kind: ops.Float}},
		Output: binary,
		Local:  true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), RangeInto(out, in[0], p.Float("value"), math.Inf(1))
		},
	})
	ops.Register(&ops.Op{
		Name:   "threshold.dark",
		Doc:    "Dark threshold: Binary, 1 where v <= value (NaN is 0). Pointwise, no border.",
		Inputs: []ops.Input{{Name: "image"}},
		Params: []ops.Param{{Name: "value", Doc: "the threshold, kept", Kind: ops.Float}},
		Output: binary,
		Local:  true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), RangeInto(out, in[0], math.Inf(-1), p.Float("value"))
		},
	})
	nbins := ops.Param{Name: "nbins", Doc: "bins of a float image's histogram (integer images use one bin per value)", Kind: ops.Int, Default: 256, Min: ops.Bound(2), Max: ops.Bound(1 << 24)}
	ops.Register(&ops.Op{
		Name: "threshold.otsu",
		Doc: "Otsu's threshold, equal to skimage.filters.threshold_otsu (scikit-image 0.19) on the same pixels, all channels together: " +
			"an integer image's threshold is one of its values (one bin per integer), a float image's a bin centre of nbins bins over [min, max]; " +
			"a constant image returns its value. Pixels above the threshold are the foreground.",
		Inputs:  []ops.Input{{Name: "image"}},
		Params:  []ops.Param{nbins},
		Returns: ops.ResultNumber,
		Run: func(in []*gips.Image, _ *gips.Image, p ops.Values) (ops.Result, error) {
			t, err := OtsuBins(in[0], p.Int("nbins"))
			return ops.NumberResult(t), err
		},
	})
	ops.Register(&ops.Op{
		Name:   "threshold.otsuApply",
		Doc:    "Thresholds at Otsu's value (see threshold.otsu): Binary, 1 where v > threshold, as scikit-image's image > threshold_otsu(image).",
		Inputs: []ops.Input{{Name: "image"}},
		Params: []ops.Param{nbins},
		Output: binary,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			t, err := OtsuBins(in[0], p.Int("nbins"))
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), AboveInto(out, in[0], t)
		},
	})
	ops.Register(&ops.Op{
		Name: "threshold.hysteresis",
		Doc: "Hysteresis threshold, skimage.filters.apply_hysteresis_threshold: Binary, 1 on every pixel v > low connected through pixels v > low to a pixel v > high " +
			"(low above high is lowered to high). connectivity 1 (faces: 4 in 2D, 6 in 3D; scikit-image's), 2 (8 in 2D, 18 in 3D) or 3 (26; 0 = full). Volumes connect across z; channels and time points are separate.",
		Inputs: []ops.Input{{Name: "image"}},
		Params: []ops.Param{
			{Name: "low", Doc: "weak threshold (strict)", Kind: ops.Float},
			{Name: "high", Doc: "strong threshold (strict)", Kind: ops.Float},
			ops.ConnectivityParam(1),
		},
		Output: binary,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			c, err := ops.ConnectivityOf(p, in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), HysteresisInto(out, in[0], p.Float("low"), p.Float("high"), c)
		},
	})
}
