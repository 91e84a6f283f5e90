package distance

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The distance family's ops: scipy.ndimage.distance_transform_edt, its
// signed form and its feature transform.

var (
	// inTypes: every type; nonzero (NaN included) is foreground.
	inTypes = append(append([]gips.BufferType(nil), ops.Numeric...), gips.Binary, gips.Label8, gips.Label16, gips.Label32)
	// labelTypes: labels and integers (labelEdt: every value is a label).
	labelTypes    = []gips.BufferType{gips.Label8, gips.Label16, gips.Label32, gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32}
	realOut       = []gips.BufferType{gips.Real32, gips.Real64}
	samplingParam = ops.Param{Name: "sampling", Doc: "pixel size along each axis (one value or one per axis); default the image's calibration",
		Kind: ops.Floats, Optional: true}
)

func opts(p ops.Values) []Option {
	if p.IsNone("sampling") {
		return nil
	}
	return []Option{WithSampling(p.Floats("sampling")...)}
}

func realOutput(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
	t, err := ops.Output(p, in[0].Type, nil)
	return in[0].WithType(t), err
}

func init() {
	ops.Register(&ops.Op{
		Name: "distance.edt",
		Doc: "Exact Euclidean distance transform, scipy.ndimage.distance_transform_edt(image != 0, sampling): each nonzero pixel's distance to the nearest zero pixel, " +
			"0 on zero pixels; outside the image is not background. Volumes in 3D, channels and time points separately. An image (channel) with no zero pixel is +inf " +
			"everywhere (scipy's result there is a known bug). Linear time (Felzenszwalb-Huttenlocher), float64 inside: Real64 output within 1e-12 relative of scipy, " +
			"Real32 (the default) that result rounded once.",
		Inputs:  []ops.Input{{Name: "image", Types: inTypes}},
		Params:  []ops.Param{samplingParam, ops.OutputParam("Real32", realOut)},
		Output:  realOutput,
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), EDTInto(out, in[0], opts(p)...)
		},
	})
	ops.Register(&ops.Op{
		Name: "distance.signedEdt",
		Doc: "Signed distance: distance.edt(image) - distance.edt(image == 0), positive inside (nonzero pixels: distance to the nearest zero pixel), negative outside " +
			"(minus the distance to the nearest nonzero pixel); +inf everywhere without zero pixels, -inf without nonzero ones. Output and sampling as distance.edt.",
		Inputs:  []ops.Input{{Name: "image", Types: inTypes}},
		Params:  []ops.Param{samplingParam, ops.OutputParam("Real32", realOut)},
		Output:  realOutput,
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), SignedEDTInto(out, in[0], opts(p)...)
		},
	})
	ops.Register(&ops.Op{
		Name: "distance.labelEdt",
		Doc: "Multi-label exact Euclidean distance transform (the edt package's label mode): each pixel of a nonzero label gets its distance to the nearest pixel " +
			"of another value (another label or 0), 0 on label-0 pixels; for each label l, scipy.ndimage.distance_transform_edt(image == l, sampling) on l's pixels. " +
			"Touching labels are separated by their common boundary. Outside the image is not background; an image (channel) one label covers entirely is +inf. " +
			"Label or integer images; sampling and output as distance.edt.",
		Inputs: []ops.Input{{Name: "image", Types: labelTypes}},
		Params: []ops.Param{samplingParam, ops.OutputParam("Real32", realOut)},
		Output: realOutput,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), LabelEDTInto(out, in[0], opts(p)...)
		},
	})
	ops.Register(&ops.Op{
		Name: "distance.featureTransform",
		Doc: "Coordinates of each pixel's nearest zero pixel, scipy.ndimage.distance_transform_edt(..., return_indices=True)'s indices: an Int32 image with one channel " +
			"per axis in numpy's order (2D: y, x; 3D: z, y, x), so that its array has scipy's shape (ndim, ...); -1 without any zero pixel. Among equally near zero " +
			"pixels the one chosen may differ from scipy's. One 2D or 3D grey image (no channels or time points).",
		Inputs: []ops.Input{{Name: "image", Types: inTypes}},
		Params: []ops.Param{samplingParam},
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			g := in[0]
			if g.SizeC != 1 || g.SizeT != 1 {
				return gips.Geometry{}, fmt.Errorf("input image %v: one 2D or 3D grey image, no channels or time points: %w", g, ops.ErrInput)
			}
			if g.Volume {
				return gips.GeometryMultiChannel3d(gips.Int32, g.SizeX, g.SizeY, g.SizeZ, 3), nil
			}
			return gips.GeometryMultiChannel2d(gips.Int32, g.SizeX, g.SizeY, 2), nil
		},
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			nc := out.SizeC()
			views := make([]*gips.Image, nc)
			for c := range views {
				var err error
				if in[0].Geometry().Volume {
					views[nc-1-c], err = out.ExtractVolume(c, 0)
				} else {
					views[nc-1-c], err = out.ExtractPlane(0, c, 0)
				}
				if err != nil {
					return ops.Result{}, err
				}
			}
			cfg := collect(opts(p))
			return ops.ImageResult(out), features(views, in[0], cfg)
		},
	})
}
