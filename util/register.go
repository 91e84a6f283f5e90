package util

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The util family: the reference SDK's eraseImg, copyImg and convertImg.

func init() {
	ops.Register(&ops.Op{
		Name:     "util.eraseImg",
		Doc:      "Fills the image with a value, converted to the image's type (integers rounded half away from zero and clamped; for Binary any non-zero value is 1), in place, as the reference SDK's eraseImg: with no output given, the image itself is filled; given an output, the output is.",
		Inputs:   []ops.Input{{Name: "image"}},
		Modifies: "image",
		Params:   []ops.Param{{Name: "value", Doc: "the fill value", Kind: ops.Float, Default: 0.0}},
		Output:   ops.SameAsFirst,
		InPlace:  true,
		Run: func(_ []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), EraseImg(out, p.Float("value"))
		},
	})
	ops.Register(&ops.Op{
		Name:    "util.copyImg",
		Doc:     "Copies the image's pixels into an output of its geometry (a new C-contiguous image when none is given), whatever either's layout.",
		Inputs:  []ops.Input{{Name: "image"}},
		Output:  ops.SameAsFirst,
		InPlace: true,
		Local:   true,
		Run: func(in []*gips.Image, out *gips.Image, _ ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), CopyImg(in[0], out)
		},
	})
	scalings := make([]string, len(Scalings))
	for i, m := range Scalings {
		scalings[i] = string(m)
	}
	ops.Register(&ops.Op{
		Name: "util.convertImg",
		Doc: "Converts the image to another buffer type (output). scaling clamp keeps values (rounded half away from zero, clamped, NaN to 0; to Binary non-zero is 1); " +
			"scale maps the input type's range linearly onto the output type's (floats count as [0, 1], so UInt8 to Real32 divides by 255); " +
			"minmax maps the image's own min and max onto the output range.",
		Inputs: []ops.Input{{Name: "image"}},
		Params: []ops.Param{
			{Name: "output", Doc: "the output buffer type", Kind: ops.Enum, Choices: ops.TypeNames(gips.BufferTypes)},
			{Name: "scaling", Doc: "how values are mapped", Kind: ops.Enum, Default: string(Clamp), Choices: scalings},
		},
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			t, err := gips.ParseBufferType(p.String("output"))
			if err != nil {
				return gips.Geometry{}, fmt.Errorf("parameter output: %w", err)
			}
			return in[0].WithType(t), nil
		},
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), ConvertImgInto(out, in[0], Scaling(p.String("scaling")))
		},
	})
}
