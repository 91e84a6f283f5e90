package transform

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The transform family's ops: scipy.ndimage's zoom, shift,
// affine_transform and rotate. They take scipy's interpolation modes (8
// names, constant by default) rather than the filters' five border modes:
// see Mode.

// interpParams are order, mode, cval and output, shared by every op here.
func interpParams() []ops.Param {
	return []ops.Param{
		{Name: "order", Doc: "spline order: 0 nearest sample, 1 linear, 3 cubic (scipy's default), up to 5; orders above 1 prefilter in float64",
			Kind: ops.Int, Default: 3, Min: ops.Bound(0), Max: ops.Bound(maxOrder)},
		{Name: "mode", Doc: "how points outside the input are read, scipy.ndimage's interpolation modes: constant (cval, no interpolation past the edge; scipy's default), " +
			"grid-constant (cval, interpolated across the edge), nearest, reflect = grid-mirror (d c b a | a b c d), mirror (c b | a b c d | c b), " +
			"grid-wrap (period n), wrap (scipy's: period n-1)",
			Kind: ops.Enum, Default: ModeNames[0], Choices: ModeNames},
		{Name: "cval", Doc: "the value outside the input in the constant modes", Kind: ops.Float, Default: 0.0},
		ops.OutputParam("same", ops.Numeric),
	}
}

// interpOptions reads interpParams.
func interpOptions(p ops.Values, in gips.BufferType) ([]Option, gips.BufferType, error) {
	m, err := ParseMode(p.String("mode"))
	if err != nil {
		return nil, 0, fmt.Errorf("parameter mode: %w", err)
	}
	t, err := ops.Output(p, in, func(t gips.BufferType) gips.BufferType { return t })
	if err != nil {
		return nil, 0, err
	}
	return []Option{WithOrder(p.Int("order")), WithMode(m), WithCval(p.Float("cval"))}, t, nil
}

const interpDoc = " Output: the input's type unless output names another; integer outputs round half away from zero and saturate, as scipy. " +
	"Channels and time points are transformed one by one."

func init() {
	ops.Register(&ops.Op{
		Name: "transform.zoom",
		Doc: "Resamples by a factor per axis, scipy.ndimage.zoom: round(size*factor) pixels per axis (half to even, as Python), " +
			"output pixel k read at k*(n-1)/(m-1), or with grid_mode at (k+0.5)*n/m-0.5 (pixel edges aligned, as OpenCV's resize). " +
			"Identical to scipy for orders 0 and 1, within 1e-6 of the range for orders 2 to 5." + interpDoc,
		Inputs: []ops.Input{{Name: "image", Types: ops.Numeric}},
		Params: append([]ops.Param{
			{Name: "factor", Doc: "zoom factor, one value or one per axis", Kind: ops.Floats, Min: ops.Bound(0)},
			{Name: "grid_mode", Doc: "scale the pixels' full extent instead of the distance between the first and last pixel centres", Kind: ops.Bool, Default: false},
		}, interpParams()...),
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			f, err := ops.PerAxis3(p, "factor", in[0])
			if err != nil {
				return in[0], err
			}
			g, err := ZoomGeometry(in[0], f[0], f[1], f[2])
			if err != nil {
				return g, fmt.Errorf("parameter factor: %w", err)
			}
			_, t, err := interpOptions(p, in[0].Type)
			return g.WithType(t), err
		},
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			opts, _, err := interpOptions(p, in[0].Type())
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), ZoomInto(out, in[0], append(opts, WithGridMode(p.Bool("grid_mode")))...)
		},
	})
	ops.Register(&ops.Op{
		Name:   "transform.shift",
		Doc:    "Shifts by a (sub-pixel) amount per axis, scipy.ndimage.shift: output pixel k reads the input at k - shift." + interpDoc,
		Inputs: []ops.Input{{Name: "image", Types: ops.Numeric}},
		Params: append([]ops.Param{
			{Name: "shift", Doc: "shift in pixels, one value or one per axis", Kind: ops.Floats},
		}, interpParams()...),
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			_, t, err := interpOptions(p, in[0].Type)
			return in[0].WithType(t), err
		},
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			s, err := ops.PerAxis3(p, "shift", in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			opts, _, err := interpOptions(p, in[0].Type())
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), ShiftInto(out, in[0], s[0], s[1], s[2], opts...)
		},
	})
	ops.Register(&ops.Op{
		Name: "transform.affine",
		Doc: "Affine map, scipy.ndimage.affine_transform: output point o reads the input at matrix·o + offset. The matrix is scipy's, in numpy axis order " +
			"((y, x) or (z, y, x)) on every surface: n by n, n by n+1 or n+1 by n+1 homogeneous (its last column is the offset), or one row of n values " +
			"(a diagonal: scipy's zoom-and-shift path). (The Go function transform.Affine takes it x first.)" + interpDoc,
		Inputs: []ops.Input{{Name: "image", Types: ops.Numeric}},
		Params: append([]ops.Param{
			{Name: "matrix", Doc: "the affine matrix in numpy order, as scipy", Kind: ops.Array},
			{Name: "offset", Doc: "offset added to the input coordinates, one value or one per axis (ignored with a homogeneous matrix)", Kind: ops.Floats, Default: []float64{0}},
			{Name: "output_shape", Doc: "output size per axis; none: the input's", Kind: ops.Ints, Optional: true, Min: ops.Bound(1), Max: ops.Bound(maxZoomSide)},
		}, interpParams()...),
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			g := in[0]
			if !p.IsNone("output_shape") {
				s, err := ops.PerAxisInts3(p, "output_shape", g)
				if err != nil {
					return g, err
				}
				g.SizeX, g.SizeY, g.SizeZ = s[0], s[1], s[2]
				if err := checkGrowth("affine", "parameter output_shape", in[0], g); err != nil {
					return g, err
				}
			}
			if _, _, _, err := affineMatrix(p, in[0]); err != nil {
				return g, err
			}
			_, t, err := interpOptions(p, in[0].Type)
			return g.WithType(t), err
		},
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			opts, _, err := interpOptions(p, in[0].Type())
			if err != nil {
				return ops.Result{}, err
			}
			mat, off, diag, err := affineMatrix(p, in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			if diag {
				return ops.ImageResult(out), diagonalInto(out, in[0], [3]float64{mat[0][0], mat[1][1], mat[2][2]}, off, opts...)
			}
			return ops.ImageResult(out), AffineInto(out, in[0], mat, off, opts...)
		},
	})
	ops.Register(&ops.Op{
		Name: "transform.rotate",
		Doc: "Rotates by angle degrees in a plane, scipy.ndimage.rotate: the same matrix, centre and (with reshape) grown output shape. " +
			"axes: xy (scipy's axes=(1, 0) on a 2D image), xz, or yz (scipy's default (1, 0) on a volume); a volume turns plane by plane as in scipy." + interpDoc,
		Inputs: []ops.Input{{Name: "image", Types: ops.Numeric}},
		Params: append([]ops.Param{
			{Name: "angle", Doc: "angle in degrees", Kind: ops.Float},
			{Name: "axes", Doc: "the plane of rotation", Kind: ops.Enum, Default: AxesNames[0], Choices: AxesNames},
			{Name: "reshape", Doc: "grow the output to hold the whole rotated input", Kind: ops.Bool, Default: true},
		}, interpParams()...),
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			opts, t, err := rotateOptions(p, in[0].Type)
			if err != nil {
				return in[0], err
			}
			g, err := RotateGeometry(in[0], p.Float("angle"), opts...)
			return g.WithType(t), err
		},
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			opts, _, err := rotateOptions(p, in[0].Type())
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), RotateInto(out, in[0], p.Float("angle"), opts...)
		},
	})
}

func init() {
	ops.Register(&ops.Op{
		Name: "transform.flip",
		Doc: "Reverses the order of pixels along an axis, numpy.flip (a copy here; the Go function transform.Flip returns a view along y and z). " +
			"Any buffer type; the output is the input's type and sizes.",
		Inputs: []ops.Input{{Name: "image"}},
		Params: []ops.Param{{Name: "axis", Doc: "the axis to reverse", Kind: ops.Enum, Choices: []string{"x", "y", "z"}}},
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			a, _ := ParseAxis(p.String("axis"))
			if a == Z && !in[0].Volume {
				return in[0], fmt.Errorf("parameter axis: z of a 2D image: %w", ops.ErrParam)
			}
			return in[0], nil
		},
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			a, err := ParseAxis(p.String("axis"))
			if err != nil {
				return ops.Result{}, fmt.Errorf("parameter axis: %w", err)
			}
			return ops.ImageResult(out), FlipInto(out, in[0], a)
		},
	})
	ops.Register(&ops.Op{
		Name: "transform.rot90",
		Doc: "Turns by k quarter turns in a plane, numpy.rot90: xy turns y towards x (np.rot90(a) on a (Y, X) array), xz z towards x, yz z towards y. " +
			"A copy (the Go function transform.Rot90 returns a view in yz). Any buffer type.",
		Inputs: []ops.Input{{Name: "image"}},
		Params: []ops.Param{
			{Name: "k", Doc: "number of quarter turns (negative: the other way)", Kind: ops.Int, Default: 1},
			{Name: "axes", Doc: "the plane of rotation", Kind: ops.Enum, Default: AxesNames[0], Choices: AxesNames},
		},
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			a, _ := ParseAxes(p.String("axes"))
			g := in[0]
			if a != XY && !g.Volume {
				return g, fmt.Errorf("parameter axes: %v on a 2D image: only xy: %w", a, ops.ErrParam)
			}
			if p.Int("k")%2 != 0 {
				switch a {
				case XY:
					g.SizeX, g.SizeY = g.SizeY, g.SizeX
				case XZ:
					g.SizeX, g.SizeZ = g.SizeZ, g.SizeX
				case YZ:
					g.SizeY, g.SizeZ = g.SizeZ, g.SizeY
				}
			}
			return g, nil
		},
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			a, err := ParseAxes(p.String("axes"))
			if err != nil {
				return ops.Result{}, fmt.Errorf("parameter axes: %w", err)
			}
			return ops.ImageResult(out), Rot90Into(out, in[0], p.Int("k"), a)
		},
	})
	ops.Register(&ops.Op{
		Name: "transform.pad",
		Doc: "Widens the image, numpy.pad: width pixels ahead and after pixels behind (after defaults to width) along x, y and z; " +
			"channels and time points are not padded. Modes as numpy: constant (cval, converted as the type saturates), edge, reflect (edge pixel not repeated), " +
			"symmetric (repeated), wrap (periodic; numpy 1.24 repeats the wrong part when a width exceeds the size, later numpy and gips are periodic), " +
			"maximum, mean, median, minimum (of stat_length input pixels next to each side; mean and median rounded half to even for integer types, as numpy), " +
			"linear_ramp (from end_values to the edge pixel, floored for integer types), empty (zeros: numpy leaves them undefined). " +
			"numpy pads z, then y, then x: the corners of the statistic and ramp modes come from pixels already padded. Any buffer type.",
		Inputs: []ops.Input{{Name: "image"}},
		Params: []ops.Param{
			{Name: "width", Doc: "pixels added ahead, one value or one per axis", Kind: ops.Ints, Min: ops.Bound(0), Max: ops.Bound(maxZoomSide)},
			{Name: "after", Doc: "pixels added behind, one value or one per axis; none: width", Kind: ops.Ints, Optional: true, Min: ops.Bound(0), Max: ops.Bound(maxZoomSide)},
			{Name: "mode", Doc: "how the new pixels are filled, numpy.pad's modes", Kind: ops.Enum, Default: PadModeNames[0], Choices: PadModeNames},
			{Name: "cval", Doc: "the value of the new pixels in constant mode", Kind: ops.Float, Default: 0.0},
			{Name: "stat_length", Doc: "maximum, mean, median, minimum: input pixels read next to each side, one value or one per axis (numpy's stat_length); none: the whole axis", Kind: ops.Ints, Optional: true, Min: ops.Bound(1), Max: ops.Bound(maxZoomSide)},
			{Name: "end_values", Doc: "linear_ramp: the value at the outer edge of every side (numpy's end_values as one number)", Kind: ops.Float, Default: 0.0},
		},
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			b, a, err := padWidths(p, in[0])
			if err != nil {
				return in[0], err
			}
			return PadGeometry(in[0], b, a)
		},
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			b, _, err := padWidths(p, in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			m, err := ParsePadMode(p.String("mode"))
			if err != nil {
				return ops.Result{}, fmt.Errorf("parameter mode: %w", err)
			}
			opts := []PadOption{PadEndValue(p.Float("end_values"))}
			if !p.IsNone("stat_length") {
				n, err := ops.PerAxisInts3(p, "stat_length", in[0].Geometry())
				if err != nil {
					return ops.Result{}, err
				}
				opts = append(opts, PadStatLength(n))
			}
			return ops.ImageResult(out), PadInto(out, in[0], b, m, p.Float("cval"), opts...)
		},
	})
}

func padWidths(p ops.Values, g gips.Geometry) (before, after [3]int, err error) {
	before, err = ops.PerAxisInts3(p, "width", g)
	if err != nil {
		return
	}
	after = before
	if !p.IsNone("after") {
		after, err = ops.PerAxisInts3(p, "after", g)
	}
	return
}

func rotateOptions(p ops.Values, in gips.BufferType) ([]Option, gips.BufferType, error) {
	opts, t, err := interpOptions(p, in)
	if err != nil {
		return nil, 0, err
	}
	a, err := ParseAxes(p.String("axes"))
	if err != nil {
		return nil, 0, fmt.Errorf("parameter axes: %w", err)
	}
	return append(opts, WithAxes(a), WithReshape(p.Bool("reshape"))), t, nil
}

// affineMatrix reads the matrix and offset parameters (numpy order) as an
// x-first matrix and offset; diag reports a one-row matrix (a diagonal).
func affineMatrix(p ops.Values, g gips.Geometry) (mat [3][3]float64, off [3]float64, diag bool, err error) {
	r := 2
	if g.Volume {
		r = 3
	}
	a := p.Array("matrix")
	ag := a.Geometry()
	if ag.Volume {
		return mat, off, false, fmt.Errorf("parameter matrix: a 3D array: want a matrix: %w", ops.ErrParam)
	}
	f64, err := gips.ConvertTo(a, gips.Real64)
	if err != nil {
		return mat, off, false, fmt.Errorf("parameter matrix: %w", err)
	}
	pl, err := gips.PlaneAt[float64](f64, 0, 0, 0)
	if err != nil {
		return mat, off, false, fmt.Errorf("parameter matrix: %w", err)
	}
	rows, cols := ag.SizeY, ag.SizeX
	o, err := ops.PerAxis3(p, "offset", g)
	if err != nil {
		return mat, off, false, err
	}
	off = o
	var np [3][3]float64
	var onp [3]float64
	switch {
	case rows == 1 && cols == r:
		for h := 0; h < r; h++ {
			mat[r-1-h][r-1-h] = pl.At(h, 0)
		}
		return mat, off, true, nil
	case rows == r && cols == r:
		for h := 0; h < r; h++ {
			onp[h] = off[r-1-h]
		}
	case (rows == r || rows == r+1) && cols == r+1:
		if rows == r+1 {
			for l := 0; l <= r; l++ {
				want := 0.0
				if l == r {
					want = 1
				}
				if pl.At(l, r) != want {
					return mat, off, false, fmt.Errorf("parameter matrix: a homogeneous %dx%d matrix must end in the row [0 ... 0 1]: %w", rows, cols, ops.ErrParam)
				}
			}
		}
		for h := 0; h < r; h++ {
			onp[h] = pl.At(r, h)
		}
	default:
		return mat, off, false, fmt.Errorf("parameter matrix: shape (%d, %d) for a %dD image: want (%d, %d), (%d, %d), (%d, %d) or one row of %d: %w",
			rows, cols, r, r, r, r, r+1, r+1, r+1, r, ops.ErrParam)
	}
	for h := 0; h < r; h++ {
		for l := 0; l < r; l++ {
			np[h][l] = pl.At(l, h)
		}
	}
	for h := 0; h < r; h++ {
		off[r-1-h] = onp[h]
		for l := 0; l < r; l++ {
			mat[r-1-h][r-1-l] = np[h][l]
		}
	}
	return mat, off, false, nil
}
