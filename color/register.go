package color

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The color family's ops: skimage.color's conversions. SplitChannels and
// MergeChannels are views and stay Go functions (an op returns one new
// image).

// outputParam is ops.OutputParam with skimage's rule as its default:
// "auto" is Real32 for a Real32 input and Real64 for every other (a float
// image, as skimage returns); "same" is the input's type, an integer one
// holding the result scaled back (intScale).
var outputParam = func() ops.Param {
	p := ops.OutputParam("auto", ops.Numeric)
	p.Choices = append([]string{"auto"}, p.Choices...)
	p.Doc = "output buffer type: auto (Real32 for a Real32 input, Real64 otherwise: skimage's rule), a type, or same for the input's; " +
		"integer outputs are the float result scaled back and rounded half away from zero with saturation " +
		"(results in [0, 1] times the type's maximum; YCbCr's 8-bit units times max/255; Lab: UInt8 only, OpenCV's L*255/100, a+128, b+128)"
	return p
}()

func outputOf(p ops.Values, in gips.BufferType) (gips.BufferType, error) {
	if p.String("output") == "auto" {
		return 0, nil
	}
	return ops.Output(p, in, func(t gips.BufferType) gips.BufferType { return t })
}

const scalingDoc = " Input: an image of three channels, channel first (fromRgbArray: numpy (3, Y, X); volumes (3, Z, Y, X)); " +
	"integers are scaled as skimage's img_as_float (unsigned x/max, signed x/max clipped at -1), floats used as they are. " +
	"Output Real32 for Real32 input, Real64 otherwise (skimage), unless output says."

func register(c *conversion, doc string) {
	ops.Register(&ops.Op{
		Name:   "color." + c.name,
		Doc:    doc + scalingDoc,
		Inputs: []ops.Input{{Name: "image", Types: ops.Numeric}},
		Params: []ops.Param{outputParam},
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			t, err := outputOf(p, in[0].Type)
			if err != nil {
				return in[0], err
			}
			g, err := c.geometry(in[0], t)
			if err != nil {
				return g, fmt.Errorf("input image: %w", err)
			}
			return g, nil
		},
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), c.into(out, in[0])
		},
	})
}

func init() {
	register(&toGrey, "Grey level of an RGB image, skimage.color.rgb2gray: 0.2125 R + 0.7154 G + 0.0721 B (a grey image; BT.709 weights, not OpenCV's 0.299/0.587/0.114).")
	register(&toHsv, "RGB to HSV, skimage.color.rgb2hsv: hue in [0, 1), saturation, value (three channels).")
	register(&fromHsv, "HSV to RGB, skimage.color.hsv2rgb (hue in [0, 1]).")
	register(&toLab, "RGB (sRGB) to CIE Lab, skimage.color.rgb2lab with illuminant D65 and the 2° observer.")
	register(&fromLab, "CIE Lab to RGB, skimage.color.lab2rgb (D65, 2°): negative z clipped to 0, the result to [0, 1].")
	register(&toYCbCr, "RGB to YCbCr, skimage.color.rgb2ycbcr (ITU-R BT.601): Y in [16, 235] for inputs in [0, 1].")
	ops.Register(&ops.Op{
		Name:   "color.greyToRgb",
		Doc:    "A grey image as RGB, skimage.color.gray2rgb: three copies, the input's type kept (channel first: numpy (3, Y, X)).",
		Inputs: []ops.Input{{Name: "image"}},
		Output: func(in []gips.Geometry, _ ops.Values) (gips.Geometry, error) {
			g := in[0]
			if g.SizeC != 1 {
				return g, fmt.Errorf("input image %v has %d channels: want a grey image: %w", g, g.SizeC, ops.ErrInput)
			}
			g.SizeC, g.Color = 3, gips.RGB
			return g, nil
		},
		Run: func(in []*gips.Image, out *gips.Image, _ ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), greyToRgbInto(out, in[0])
		},
	})
}
