package transform

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// resize and resample: skimage.transform.resize, and zoom by the ratio of
// voxel sizes.

func init() {
	ops.Register(&ops.Op{
		Name: "transform.resize",
		Doc: "Resizes to output_shape, skimage.transform.resize: integers scaled to [0, 1] (unless preserve_range; order 0 keeps integers), " +
			"shrinking axes smoothed first with a Gaussian of sigma (factor-1)/2 (anti_aliasing auto: when an axis shrinks, not for order 0 on integers), " +
			"then scipy's zoom in grid mode, clipped to the input's range. Output Real32 for Real32, Real64 otherwise (the input's type at order 0 on integers). " +
			"Modes are numpy.pad's names, as skimage.",
		Inputs: []ops.Input{{Name: "image", Types: ops.Numeric}},
		Params: []ops.Param{
			{Name: "output_shape", Doc: "output size per axis", Kind: ops.Ints, Min: ops.Bound(1), Max: ops.Bound(maxZoomSide)},
			{Name: "order", Doc: "spline order, 0 to 5", Kind: ops.Int, Default: 1, Min: ops.Bound(0), Max: ops.Bound(maxOrder)},
			{Name: "mode", Doc: "border mode, numpy.pad's names (reflect: scipy's mirror; symmetric: scipy's reflect)", Kind: ops.Enum, Default: "reflect", Choices: BorderPadModeNames},
			{Name: "cval", Doc: "the value beyond the border in constant mode", Kind: ops.Float, Default: 0.0},
			{Name: "clip", Doc: "clip the output to the input's range", Kind: ops.Bool, Default: true},
			{Name: "preserve_range", Doc: "keep integer values instead of scaling them to [0, 1]", Kind: ops.Bool, Default: false},
			{Name: "anti_aliasing", Doc: "Gaussian smoothing before shrinking: auto, true or false", Kind: ops.Enum, Default: "auto", Choices: []string{"auto", "true", "false"}},
		},
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			s, err := ops.PerAxisInts3(p, "output_shape", in[0])
			if err != nil {
				return in[0], err
			}
			g := in[0]
			g.SizeX, g.SizeY, g.SizeZ = s[0], s[1], s[2]
			if p.Int("order") > 0 && !g.Type.IsFloat() {
				g.Type = gips.Real64
			}
			return g, checkGrowth("resize", "parameter output_shape", in[0], g)
		},
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			s, err := ops.PerAxisInts3(p, "output_shape", in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			m, err := ParsePadMode(p.String("mode"))
			if err != nil {
				return ops.Result{}, fmt.Errorf("parameter mode: %w", err)
			}
			opts := []ResizeOption{ResizeOrder(p.Int("order")), ResizeMode(m), ResizeCval(p.Float("cval")), ResizeClip(p.Bool("clip")),
				PreserveRange(p.Bool("preserve_range"))}
			if aa := p.String("anti_aliasing"); aa != "auto" {
				opts = append(opts, AntiAliasing(aa == "true"))
			}
			og := out.Geometry()
			if og.SizeX != s[0] || og.SizeY != s[1] || (og.Volume && og.SizeZ != s[2]) {
				return ops.Result{}, fmt.Errorf("resize: output %v for output_shape %v: %w", og, s, gips.ErrShape)
			}
			return ops.ImageResult(out), ResizeInto(out, in[0], opts...)
		},
	})
	ops.Register(&ops.Op{
		Name: "transform.resample",
		Doc: "Resamples to a new voxel size: zoom by input_spacing/spacing per axis (round(size*factor) pixels), pixel edges aligned (grid mode), " +
			"linear and nearest border by default. Give input_spacing (1 by default): an op sees geometries, not calibrations (the Go function transform.Resample reads the image's)." + interpDoc,
		Inputs: []ops.Input{{Name: "image", Types: ops.Numeric}},
		Params: append([]ops.Param{
			{Name: "spacing", Doc: "the new voxel size, one value or one per axis", Kind: ops.Floats, Min: ops.Bound(1e-300)},
			{Name: "input_spacing", Doc: "the input's voxel size, one value or one per axis", Kind: ops.Floats, Default: []float64{1}, Min: ops.Bound(1e-300)},
		}, resampleParams()...),
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			f, err := resampleFactors(p, in[0])
			if err != nil {
				return in[0], err
			}
			g, err := ZoomGeometry(in[0], f[0], f[1], f[2])
			if err != nil {
				return g, fmt.Errorf("parameter spacing: %w", err)
			}
			_, t, err := interpOptions(p, in[0].Type)
			return g.WithType(t), err
		},
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			opts, _, err := interpOptions(p, in[0].Type())
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), ZoomInto(out, in[0], append(opts, WithGridMode(true))...)
		},
	})
}

// resampleParams are interpParams with resampling's defaults: linear,
// nearest border.
func resampleParams() []ops.Param {
	ps := interpParams()
	for i := range ps {
		switch ps[i].Name {
		case "order":
			ps[i].Default = 1
		case "mode":
			ps[i].Default = "nearest"
		}
	}
	return ps
}

// resampleFactors is input_spacing / spacing per axis (x, y, z).
func resampleFactors(p ops.Values, g gips.Geometry) ([3]float64, error) {
	s, err := ops.PerAxis3(p, "spacing", g)
	if err != nil {
		return s, err
	}
	in, err := ops.PerAxis3(p, "input_spacing", g)
	if err != nil {
		return s, err
	}
	if !g.Volume {
		s[2], in[2] = 1, 1
	}
	return [3]float64{in[0] / s[0], in[1] / s[1], in[2] / s[2]}, nil
}
