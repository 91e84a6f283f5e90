package ops

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/threshold"
)

// The threshold family: the reference SDK's threshold(img, min, max), light
// and dark thresholds, Otsu (scikit-image's threshold_otsu) and hysteresis
// (scikit-image's apply_hysteresis_threshold).

func init() {
	binary := OfType(gips.Binary)
	Register(&Op{
		Name: "threshold.range",
		Doc: "The reference SDK's threshold(img, min, max): Binary, 1 where min <= v <= max (NaN is 0), comparisons exact in float64. " +
			"Every channel and plane alike; pointwise, no border.",
		Inputs: []Input{{Name: "image"}},
		Params: []Param{
			{Name: "min", Doc: "lowest value kept", Kind: Float},
			{Name: "max", Doc: "highest value kept", Kind: Float},
		},
		Output: binary,
		Run: func(in []*gips.Image, out *gips.Image, p Values) (Result, error) {
			return ImageResult(out), threshold.RangeInto(out, in[0], p.Float("min"), p.Float("max"))
		},
	})
	Register(&Op{
		Name:   "threshold.light",
		Doc:    "Light threshold: Binary, 1 where v >= value (NaN is 0). Pointwise, no border.",
		Inputs: []Input{{Name: "image"}},
		Params: []Param{{Name: "value", Doc: "the threshold, kept", Kind: Float}},
		Output: binary,
		Run: func(in []*gips.Image, out *gips.Image, p Values) (Result, error) {
			return ImageResult(out), threshold.RangeInto(out, in[0], p.Float("value"), posInf)
		},
	})
	Register(&Op{
		Name:   "threshold.dark",
		Doc:    "Dark threshold: Binary, 1 where v <= value (NaN is 0). Pointwise, no border.",
		Inputs: []Input{{Name: "image"}},
		Params: []Param{{Name: "value", Doc: "the threshold, kept", Kind: Float}},
		Output: binary,
		Run: func(in []*gips.Image, out *gips.Image, p Values) (Result, error) {
			return ImageResult(out), threshold.RangeInto(out, in[0], negInf, p.Float("value"))
		},
	})
	nbins := Param{Name: "nbins", Doc: "bins of a float image's histogram (integer images use one bin per value)", Kind: Int, Default: 256, Min: Bound(2), Max: Bound(1 << 24)}
	Register(&Op{
		Name: "threshold.otsu",
		Doc: "Otsu's threshold, equal to skimage.filters.threshold_otsu (scikit-image 0.19) on the same pixels, all channels together: " +
			"an integer image's threshold is one of its values (one bin per integer), a float image's a bin centre of nbins bins over [min, max]; " +
			"a constant image returns its value. Pixels above the threshold are the foreground.",
		Inputs:  []Input{{Name: "image"}},
		Params:  []Param{nbins},
		Returns: ResultNumber,
		Run: func(in []*gips.Image, _ *gips.Image, p Values) (Result, error) {
			t, err := threshold.OtsuBins(in[0], p.Int("nbins"))
			return NumberResult(t), err
		},
	})
	Register(&Op{
		Name:   "threshold.otsuApply",
		Doc:    "Thresholds at Otsu's value (see threshold.otsu): Binary, 1 where v > threshold, as scikit-image's image > threshold_otsu(image).",
		Inputs: []Input{{Name: "image"}},
		Params: []Param{nbins},
		Output: binary,
		Run: func(in []*gips.Image, out *gips.Image, p Values) (Result, error) {
			t, err := threshold.OtsuBins(in[0], p.Int("nbins"))
			if err != nil {
				return Result{}, err
			}
			return ImageResult(out), threshold.AboveInto(out, in[0], t)
		},
	})
	Register(&Op{
		Name: "threshold.hysteresis",
		Doc: "Hysteresis threshold, skimage.filters.apply_hysteresis_threshold: Binary, 1 on every pixel v > low connected through pixels v > low to a pixel v > high " +
			"(low above high is lowered to high). connectivity face (4 in 2D, 6 in 3D; scikit-image's) or full (8, 26). Volumes connect across z; channels and time points are separate.",
		Inputs: []Input{{Name: "image"}},
		Params: []Param{
			{Name: "low", Doc: "weak threshold (strict)", Kind: Float},
			{Name: "high", Doc: "strong threshold (strict)", Kind: Float},
			{Name: "connectivity", Doc: "which neighbours touch", Kind: Enum, Default: "face", Choices: []string{"face", "full"}},
		},
		Output: binary,
		Run: func(in []*gips.Image, out *gips.Image, p Values) (Result, error) {
			conn := threshold.Face
			switch p.String("connectivity") {
			case "face":
			case "full":
				conn = threshold.Full
			default:
				return Result{}, fmt.Errorf("parameter connectivity %q: %w", p.String("connectivity"), ErrParam)
			}
			return ImageResult(out), threshold.HysteresisInto(out, in[0], p.Float("low"), p.Float("high"), conn)
		},
	})
}
