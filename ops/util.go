package ops

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/util"
)

// The util family: the reference SDK's eraseImg, copyImg and convertImg.

func init() {
	Register(&Op{
		Name:     "util.eraseImg",
		Doc:      "Fills the image with a value, converted to the image's type (integers rounded half away from zero and clamped; for Binary any non-zero value is 1), in place, as the reference SDK's eraseImg: with no output given, the image itself is filled; given an output, the output is.",
		Inputs:   []Input{{Name: "image"}},
		Modifies: "image",
		Params:   []Param{{Name: "value", Doc: "the fill value", Kind: Float, Default: 0.0}},
		Output:   SameAsFirst,
		InPlace:  true,
		Run: func(_ []*gips.Image, out *gips.Image, p Values) (Result, error) {
			return ImageResult(out), util.EraseImg(out, p.Float("value"))
		},
	})
	Register(&Op{
		Name:    "util.copyImg",
		Doc:     "Copies the image's pixels into an output of its geometry (a new C-contiguous image when none is given), whatever either's layout.",
		Inputs:  []Input{{Name: "image"}},
		Output:  SameAsFirst,
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, _ Values) (Result, error) {
			return ImageResult(out), util.CopyImg(in[0], out)
		},
	})
	modes := make([]string, len(util.Modes))
	for i, m := range util.Modes {
		modes[i] = string(m)
	}
	Register(&Op{
		Name: "util.convertImg",
		Doc: "Converts the image to another buffer type. mode clamp keeps values (rounded half away from zero, clamped, NaN to 0; to Binary non-zero is 1); " +
			"scale maps the input type's range linearly onto the output type's (floats count as [0, 1], so UInt8 to Real32 divides by 255); " +
			"minmax maps the image's own min and max onto the output range.",
		Inputs: []Input{{Name: "image"}},
		Params: []Param{
			{Name: "type", Doc: "the output buffer type", Kind: Enum, Choices: TypeNames(gips.BufferTypes)},
			{Name: "mode", Doc: "how values are mapped", Kind: Enum, Default: string(util.Clamp), Choices: modes},
		},
		Output: func(in []gips.Geometry, p Values) (gips.Geometry, error) {
			t, err := gips.ParseBufferType(p.String("type"))
			if err != nil {
				return gips.Geometry{}, fmt.Errorf("parameter type: %w", err)
			}
			return in[0].WithType(t), nil
		},
		Run: func(in []*gips.Image, out *gips.Image, p Values) (Result, error) {
			return ImageResult(out), util.ConvertImgTo(out, in[0], util.Mode(p.String("mode")))
		},
	})
}
