package measure

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The measure family: label analysis tables, shape filtering and
// overlays. Tables come back as ops.ResultTable (in JSON an object of
// columns, each a list, and "units"; the Python binding takes the columns
// as float64 blocks instead: capi's allocTable).

var labelTypes = append(append([]gips.BufferType(nil), ops.Labels...), ops.Integer...)

func measureParams() []ops.Param {
	return []ops.Param{
		{Name: "measures", Doc: "column names (a list, or one comma-separated string), or all (see the package doc: label, area, areaPhysical, bboxMinX, ..., centroidX, ..., solidity, perimeter, feretMax, ...)", Kind: ops.Names, Default: "all"},
		{Name: "spacing", Doc: "pixel size per axis; none (the default) is the labels' calibration", Kind: ops.Floats, Optional: true, Min: ops.Bound(0)},
	}
}

// options reads measureParams (spacing for an image of geometry g).
func options(p ops.Values, g gips.Geometry) ([]Option, error) {
	var opts []Option
	if _, ok := p["measures"]; ok {
		opts = append(opts, WithMeasures(p.Names("measures")...)) // "all" among them: every column
	}
	if !p.IsNone("spacing") {
		s, err := ops.PerAxis3(p, "spacing", g)
		if err != nil {
			return nil, err
		}
		if !g.Volume {
			s[2] = 1
		}
		opts = append(opts, WithSpacing(s[0], s[1], s[2]))
	}
	return opts, nil
}

func tableResult(t *Table, err error) (ops.Result, error) {
	if err != nil {
		return ops.Result{}, err
	}
	r := ops.TableResult(t.Names, t.Units, t.Columns)
	r.Release = t.release // the columns are the pool's (results.table)
	return r, nil
}

// LabelIntensityAnalysis is LabelAnalysis with an intensity image (the
// registry's measure.labelIntensityAnalysis).
func LabelIntensityAnalysis(labels, intensity *gips.Image, opts ...Option) (*Table, error) {
	if intensity == nil {
		return nil, fmt.Errorf("labelIntensityAnalysis: nil intensity image: %w", ErrParam)
	}
	return LabelAnalysis(labels, intensity, opts...)
}

func init() {
	labelsIn := ops.Input{Name: "labels", Doc: "label image (label or integer type; 0 is the background)", Types: labelTypes}
	ops.Register(&ops.Op{
		Name: "measure.labelAnalysis",
		Doc: "One row per label (sorted, 0 skipped), a float64 column per measure, as scikit-image's regionprops_table " +
			"(counts, boxes, calibrated centroids, moments, Euler number, solidity, perimeters, Feret diameters): a table.",
		Inputs:  []ops.Input{labelsIn},
		Params:  measureParams(),
		Returns: ops.ResultTable,
		Run: func(in []*gips.Image, _ *gips.Image, p ops.Values) (ops.Result, error) {
			opts, err := options(p, in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			return tableResult(LabelAnalysis(in[0], nil, opts...))
		},
	})
	ops.Register(&ops.Op{
		Name:    "measure.labelIntensityAnalysis",
		Doc:     "measure.labelAnalysis with an intensity image of the labels' sizes: adds intensityMin, Max, Mean, Std, Sum, Median and weightedCentroidX..Z.",
		Inputs:  []ops.Input{labelsIn, {Name: "intensity", Doc: "intensity image, the labels' sizes", Types: ops.Numeric}},
		Params:  measureParams(),
		Returns: ops.ResultTable,
		Run: func(in []*gips.Image, _ *gips.Image, p ops.Values) (ops.Result, error) {
			opts, err := options(p, in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			return tableResult(LabelAnalysis(in[0], in[1], opts...))
		},
	})
	ops.Register(&ops.Op{
		Name: "measure.shapeFiltering",
		Doc: "Keeps the labels whose measures satisfy an expression (\"area > 100 and sphericity > 0.8\": columns of measure.labelAnalysis, " +
			"numbers, + - * /, comparisons, and, or, not, parentheses); the others become 0. Same type and size as the labels.",
		Inputs: []ops.Input{labelsIn},
		Params: []ops.Param{
			{Name: "expression", Doc: "the condition a label must meet to be kept", Kind: ops.String},
			measureParams()[1],
		},
		Output:  func(in []gips.Geometry, _ ops.Values) (gips.Geometry, error) { return in[0], nil },
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			opts, err := options(p, in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), ShapeFilteringInto(out, in[0], p.String("expression"), opts...)
		},
	})
	ops.Register(&ops.Op{
		Name: "measure.overlay",
		Doc: "The labels' outlines in distinct colours over the grey image (scaled min..max to 0..255): a 2D RGB UInt8 picture, " +
			"of plane z of a volume (-1: the middle plane).",
		Inputs: []ops.Input{{Name: "image", Doc: "grey image", Types: append(append([]gips.BufferType(nil), ops.Numeric...), gips.Binary)}, labelsIn},
		Params: []ops.Param{{Name: "z", Doc: "plane of a volume; -1 the middle one", Kind: ops.Int, Default: -1, Min: ops.Bound(-1)}},
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			a, b := in[0], in[1]
			if a.SizeX != b.SizeX || a.SizeY != b.SizeY || a.SizeZ != b.SizeZ || a.SizeC != 1 || b.SizeC != 1 || a.SizeT != 1 || b.SizeT != 1 {
				return gips.Geometry{}, fmt.Errorf("image %v and labels %v: want one grey channel of the same sizes: %w", a, b, ops.ErrInput)
			}
			if z := p.Int("z"); z >= a.SizeZ {
				return gips.Geometry{}, fmt.Errorf("parameter z: plane %d of %d: %w", z, a.SizeZ, ops.ErrParam)
			}
			return gips.GeometryRgb2d(gips.UInt8, a.SizeX, a.SizeY), nil
		},
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), OverlayInto(out, in[0], in[1], p.Int("z"))
		},
	})
}
