package filter

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The derivative and edge filters' ops: scipy.ndimage's sobel, prewitt,
// laplace, gaussian_gradient_magnitude, gaussian_laplace and
// gaussian_filter(order); scikit-image's scharr, difference_of_gaussians,
// unsharp_mask, hessian_matrix_eigvals and frangi; local variance and
// standard deviation; the bilateral filter.

// derivOutput is the output rule of these filters: Real32 by default, a
// type named by output, or "same" (the input's type; Real32 for Binary).
func derivOutput(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
	t, err := ops.Output(p, in[0].Type, SameType)
	return in[0].WithType(t), err
}

// outputNote is the output sentence of every Doc here.
const outputNote = " Output Real32 by default or the type named by output ('same': the input's; scipy keeps the input's type, where unsigned derivatives wrap around); " +
	"integer outputs are rounded half away from zero and saturated."

const accumNote = " Accumulation in float32 (float64 for 32-bit integer and Real64 inputs)."

const borderNote = " Border: mode and cval as scipy, every 1D pass reading cval beyond the border in constant mode."

func sigmaHalo(name string, order int) func([]gips.Geometry, ops.Values) [3]int {
	return func(_ []gips.Geometry, p ops.Values) [3]int {
		s := ops.Axes3(p.Floats(name))
		t := p.Float("truncate")
		return [3]int{haloRadius(s[0], t) + order, haloRadius(s[1], t) + order, haloRadius(s[2], t) + order}
	}
}

// haloRadius is Radius, bounded so that an out-of-range sigma (refused
// when the op runs) cannot overflow an int here.
func haloRadius(sigma, truncate float64) int {
	if truncate*sigma > MaxDerivativeRadius {
		return MaxDerivativeRadius + 1
	}
	return Radius(sigma, truncate)
}

func oneHalo(_ []gips.Geometry, _ ops.Values) [3]int { return [3]int{1, 1, 1} }

var truncateParam = ops.Param{Name: "truncate", Doc: "kernel radius in sigmas: int(truncate*sigma+0.5) pixels", Kind: ops.Float, Default: 4.0, Min: ops.Bound(0)}

func sigmaParam(name, doc string, def []float64) ops.Param {
	return ops.Param{Name: name, Doc: doc, Kind: ops.Floats, Default: def, Min: ops.Bound(0)}
}

func registerEdge(name, title, smooth, ref string) {
	ops.Register(&ops.Op{
		Name: "filter." + name,
		Doc: fmt.Sprintf("%s edge filter: along axis x, y or z (x is numpy's last axis), %s: the derivative [-1, 0, 1] along the axis, then the smoothing %s along each other axis; "+
			"axis magnitude gives sqrt of the sum of the squared derivatives over every axis (scipy's generic_gradient_magnitude). "+
			"normalize gives skimage.filters.%s's scale: smoothing weights summing to 1 and the magnitude divided by sqrt(ndim) (skimage's value on a float image; skimage ignores cval).",
			title, ref, smooth, name) + outputNote + accumNote + borderNote,
		Inputs: []ops.Input{{Name: "image", Types: inputTypes}},
		Params: withBorder(
			ops.Param{Name: "axis", Doc: "x, y, z (a volume's) or magnitude", Kind: ops.Enum, Default: "magnitude", Choices: AxisNames},
			ops.Param{Name: "normalize", Doc: "skimage's normalisation instead of scipy's integer kernels", Kind: ops.Bool, Default: false},
			ops.OutputParam("Real32", ops.Numeric),
		),
		Output:  derivOutput,
		Local:   true,
		Halo:    oneHalo,
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			opts, err := options(p)
			if err != nil {
				return ops.Result{}, err
			}
			axis, err := ParseAxis(p.String("axis"))
			if err != nil {
				return ops.Result{}, fmt.Errorf("parameter axis: %w", err)
			}
			f := map[string]func(dst, src *gips.Image, axis Axis, normalize bool, opts ...Option) error{
				"sobel": SobelInto, "prewitt": PrewittInto, "scharr": ScharrInto}[name]
			return ops.ImageResult(out), f(out, in[0], axis, p.Bool("normalize"), opts...)
		},
	})
}

func init() {
	registerEdge("sobel", "Sobel", "[1, 2, 1]", "scipy.ndimage.sobel")
	registerEdge("prewitt", "Prewitt", "[1, 1, 1]", "scipy.ndimage.prewitt")
	registerEdge("scharr", "Scharr", "[3, 10, 3]", "as scipy's sobel (scipy 1.10 has no scharr)")
	ops.Register(&ops.Op{
		Name:    "filter.laplace",
		Doc:     "Laplace filter, scipy.ndimage.laplace: the sum over every axis of the second difference [1, -2, 1] along it." + outputNote + accumNote + borderNote,
		Inputs:  []ops.Input{{Name: "image", Types: inputTypes}},
		Params:  withBorder(ops.OutputParam("Real32", ops.Numeric)),
		Output:  derivOutput,
		Local:   true,
		Halo:    oneHalo,
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			opts, err := options(p)
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), LaplaceInto(out, in[0], opts...)
		},
	})
	ops.Register(&ops.Op{
		Name: "filter.gaussianDerivative",
		Doc: "Gaussian derivative, scipy.ndimage.gaussian_filter with order: along each axis a Gaussian of standard deviation sigma or its order-th derivative (scipy's kernels), " +
			"radius int(truncate*sigma+0.5); sigma 0 leaves an axis alone whatever its order." + outputNote + accumNote + borderNote,
		Inputs: []ops.Input{{Name: "image", Types: inputTypes}},
		Params: withBorder(
			sigmaParam("sigma", "standard deviation in pixels, one value or one per axis", []float64{1}),
			ops.Param{Name: "order", Doc: "derivative order per axis (0: smoothing only), one value or one per axis", Kind: ops.Ints, Default: []int{0}, Min: ops.Bound(0), Max: ops.Bound(MaxDerivativeOrder)},
			truncateParam, ops.OutputParam("Real32", ops.Numeric),
		),
		Output:  derivOutput,
		Local:   true,
		Halo:    sigmaHalo("sigma", 0),
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			s, opts, err := sigmaOptions(p, "sigma", in[0])
			if err != nil {
				return ops.Result{}, err
			}
			o, err := ops.PerAxisInts3(p, "order", in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			if !in[0].Geometry().Volume {
				o[2] = 0
			}
			return ops.ImageResult(out), GaussianDerivativeInto(out, in[0], s, o, opts...)
		},
	})
	for _, g := range []struct {
		name, doc string
		order     int
		into      func(dst, src *gips.Image, sigma [3]float64, opts ...Option) error
	}{
		{"gaussianGradientMagnitude", "Gradient magnitude of Gaussian derivatives, scipy.ndimage.gaussian_gradient_magnitude: sqrt of the sum over the axes of the squared first Gaussian derivative along each (scipy's kernels, " +
			"radius int(truncate*sigma+0.5)); scipy computes in the input's type, gips as on a float copy.", 1, GaussianGradientMagnitudeInto},
		{"gaussianLaplace", "Laplacian of Gaussian, scipy.ndimage.gaussian_laplace: the sum over the axes of the second Gaussian derivative along each (scipy's kernels, " +
			"radius int(truncate*sigma+0.5)).", 2, GaussianLaplaceInto},
	} {
		ops.Register(&ops.Op{
			Name:   "filter." + g.name,
			Doc:    g.doc + outputNote + accumNote + borderNote,
			Inputs: []ops.Input{{Name: "image", Types: inputTypes}},
			Params: withBorder(
				sigmaParam("sigma", "standard deviation in pixels, one value or one per axis", []float64{1}),
				truncateParam, ops.OutputParam("Real32", ops.Numeric),
			),
			Output:  derivOutput,
			Local:   true,
			Halo:    sigmaHalo("sigma", 0),
			InPlace: true,
			Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
				s, opts, err := sigmaOptions(p, "sigma", in[0])
				if err != nil {
					return ops.Result{}, err
				}
				return ops.ImageResult(out), g.into(out, in[0], s, opts...)
			},
		})
	}
	registerSharpen()
	registerLocal()
}

// sigmaOptions reads a per-axis sigma (x first), the border and truncate.
func sigmaOptions(p ops.Values, name string, img *gips.Image) ([3]float64, []Option, error) {
	s, err := ops.PerAxis3(p, name, img.Geometry())
	if err != nil {
		return s, nil, err
	}
	opts, err := options(p)
	if err != nil {
		return s, nil, err
	}
	return s, append(opts, WithTruncate(p.Float("truncate"))), nil
}

func registerSharpen() {
	ops.Register(&ops.Op{
		Name: "filter.differenceOfGaussians",
		Doc: "Difference of Gaussians, skimage.filters.difference_of_gaussians: the image smoothed with sigma low_sigma minus the image smoothed with sigma high_sigma " +
			"(scipy.ndimage.gaussian_filter, radius int(truncate*sigma+0.5)); high_sigma none is 1.6*low_sigma, and must be >= low_sigma on every axis. " +
			"skimage's default mode is nearest (here reflect, as the family) and it first scales integer images to [0, 1] or [-1, 1]." + outputNote + accumNote + borderNote,
		Inputs: []ops.Input{{Name: "image", Types: inputTypes}},
		Params: withBorder(
			sigmaParam("low_sigma", "standard deviation of the narrower Gaussian in pixels, one value or one per axis", []float64{1}),
			ops.Param{Name: "high_sigma", Doc: "standard deviation of the wider Gaussian, one value or one per axis; none: 1.6 * low_sigma", Kind: ops.Floats, Optional: true, Min: ops.Bound(0)},
			truncateParam, ops.OutputParam("Real32", ops.Numeric),
		),
		Output: derivOutput,
		Local:  true,
		Halo: func(in []gips.Geometry, p ops.Values) [3]int {
			if p.IsNone("high_sigma") {
				s := ops.Axes3(p.Floats("low_sigma"))
				t := p.Float("truncate")
				return [3]int{haloRadius(1.6*s[0], t), haloRadius(1.6*s[1], t), haloRadius(1.6*s[2], t)}
			}
			return sigmaHalo("high_sigma", 0)(in, p)
		},
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			low, opts, err := sigmaOptions(p, "low_sigma", in[0])
			if err != nil {
				return ops.Result{}, err
			}
			high := [3]float64{1.6 * low[0], 1.6 * low[1], 1.6 * low[2]}
			if !p.IsNone("high_sigma") {
				if high, err = ops.PerAxis3(p, "high_sigma", in[0].Geometry()); err != nil {
					return ops.Result{}, err
				}
			}
			return ops.ImageResult(out), DifferenceOfGaussiansInto(out, in[0], low, high, opts...)
		},
	})
	ops.Register(&ops.Op{
		Name: "filter.unsharpMask",
		Doc: "Unsharp mask, skimage.filters.unsharp_mask(preserve_range=True): image + amount * (image - gaussian(image, sigma)), sigma being skimage's radius " +
			"(scipy.ndimage.gaussian_filter, radius int(truncate*sigma+0.5)). A float output is not clipped; an integer output saturates to its type's range." +
			outputNote + accumNote + " Border: mode and cval as scipy (skimage uses reflect).",
		Inputs: []ops.Input{{Name: "image", Types: inputTypes}},
		Params: withBorder(
			sigmaParam("sigma", "standard deviation of the Gaussian in pixels (skimage's radius), one value or one per axis", []float64{1}),
			ops.Param{Name: "amount", Doc: "gain of the detail added back", Kind: ops.Float, Default: 1.0},
			truncateParam, ops.OutputParam("Real32", ops.Numeric),
		),
		Output:  derivOutput,
		Local:   true,
		Halo:    sigmaHalo("sigma", 0),
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			s, opts, err := sigmaOptions(p, "sigma", in[0])
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), UnsharpMaskInto(out, in[0], s, p.Float("amount"), opts...)
		},
	})
	ops.Register(&ops.Op{
		Name: "filter.hessianEigenvalues",
		Doc: "Eigenvalues of the Hessian, skimage.feature.hessian_matrix + hessian_matrix_eigvals (scikit-image 0.19.3): Gaussian smoothing of standard deviation sigma " +
			"(radius int(truncate*sigma+0.5)), numpy.gradient twice, and per pixel the eigenvalues largest first, as a multi-channel image of ndim channels (numpy shape (ndim, ...), skimage's layout). " +
			"One-channel inputs; the input's values as they are (skimage scales integer images to [0, 1] or [-1, 1]); 0 derivative along a 1-pixel axis (numpy.gradient refuses one); " +
			"skimage's default mode is constant (here reflect, as the family). Computed in float64; output Real32 by default or the type named by output.",
		Inputs: []ops.Input{{Name: "image", Types: inputTypes}},
		Params: withBorder(
			sigmaParam("sigma", "standard deviation of the Gaussian in pixels, one value or one per axis", []float64{1}),
			truncateParam, ops.OutputParam("Real32", ops.Numeric),
		),
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			t, err := ops.Output(p, in[0].Type, SameType)
			if err != nil {
				return in[0], err
			}
			g, err := HessianGeometry(in[0], t)
			if err != nil {
				return g, fmt.Errorf("input image: %w: %w", err, ops.ErrInput)
			}
			return g, nil
		},
		Halo: sigmaHalo("sigma", 2),
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			s, opts, err := sigmaOptions(p, "sigma", in[0])
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), HessianEigenvaluesInto(out, in[0], s, opts...)
		},
	})
	ops.Register(&ops.Op{
		Name: "filter.frangi",
		Doc: "Frangi vesselness, skimage.filters.frangi (scikit-image 0.19.3, its defaults): after skimage's inversion for black ridges and scaling of integer images to [0, 1] or [-1, 1], " +
			"for each sigma the Hessian eigenvalues (as hessianEigenvalues, times sigma^2) sorted by magnitude give (1 - exp(-Ra^2/2alpha^2)) exp(-Rb^2/2beta^2) (1 - exp(-S^2/2gamma^2)), " +
			"0 where the larger eigenvalues are positive; the maximum over the sigmas. 2D and 3D, channels and time points alone; computed in float64; output Real32 by default or the type named by output. Border: mode and cval as scipy.",
		Inputs: []ops.Input{{Name: "image", Types: inputTypes}},
		Params: withBorder(
			ops.Param{Name: "sigmas", Doc: "the scales in pixels", Kind: ops.Numbers, Default: []float64{1, 3, 5, 7, 9}, Min: ops.Bound(0)},
			ops.Param{Name: "alpha", Doc: "plate-like structure sensitivity (3D)", Kind: ops.Float, Default: 0.5, Min: ops.Bound(0)},
			ops.Param{Name: "beta", Doc: "blob-like structure sensitivity", Kind: ops.Float, Default: 0.5, Min: ops.Bound(0)},
			ops.Param{Name: "gamma", Doc: "structureness sensitivity", Kind: ops.Float, Default: 15.0, Min: ops.Bound(0)},
			ops.Param{Name: "black_ridges", Doc: "detect dark ridges on a light background", Kind: ops.Bool, Default: true},
			ops.OutputParam("Real32", ops.Numeric),
		),
		Output: derivOutput,
		Halo: func(_ []gips.Geometry, p ops.Values) [3]int {
			r := 0
			for _, s := range p.Numbers("sigmas") {
				r = max(r, haloRadius(s, 4)+2)
			}
			return [3]int{r, r, r}
		},
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			opts, err := options(p)
			if err != nil {
				return ops.Result{}, err
			}
			fp := FrangiParams{Sigmas: p.Numbers("sigmas"), Alpha: p.Float("alpha"), Beta: p.Float("beta"), Gamma: p.Float("gamma"), BlackRidges: p.Bool("black_ridges")}
			return ops.ImageResult(out), FrangiInto(out, in[0], fp, opts...)
		},
	})
}

func registerLocal() {
	for _, l := range []struct {
		name, what string
		into       func(dst, src *gips.Image, size [3]int, opts ...Option) error
	}{
		{"localVariance", "variance", LocalVarianceInto},
		{"localStd", "standard deviation (ddof 0)", LocalStdInto},
	} {
		ops.Register(&ops.Op{
			Name: "filter." + l.name,
			Doc: "Local " + l.what + " over a box of size pixels per axis (scipy.ndimage.uniform_filter's box: an even size reaches one pixel further back): " +
				"from uniform_filter(v^2) - uniform_filter(v)^2 in float64, negative round-off clipped to 0; in constant mode the box holds cval beyond the border. " +
				"Output Real32 by default or the type named by output (integers rounded half away from zero and saturated). Border: mode and cval as scipy.",
			Inputs: []ops.Input{{Name: "image", Types: inputTypes}},
			Params: withBorder(
				ops.Param{Name: "size", Doc: "box size in pixels, one integer or one per axis", Kind: ops.Ints, Default: []int{3}, Min: ops.Bound(1), Max: ops.Bound(MaxBoxSize)},
				ops.OutputParam("Real32", ops.Numeric),
			),
			Output: derivOutput,
			Local:  true,
			Halo: func(_ []gips.Geometry, p ops.Values) [3]int {
				s := ops.Axes3(p.Ints("size"))
				return [3]int{s[0] / 2, s[1] / 2, s[2] / 2}
			},
			InPlace: true,
			Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
				n, err := ops.PerAxisInts3(p, "size", in[0].Geometry())
				if err != nil {
					return ops.Result{}, err
				}
				opts, err := options(p)
				if err != nil {
					return ops.Result{}, err
				}
				return ops.ImageResult(out), l.into(out, in[0], n, opts...)
			},
		})
	}
	ops.Register(&ops.Op{
		Name: "filter.bilateral",
		Doc: "Bilateral filter, 2D and 3D: sum over the offsets d with |d| <= radius (a disk or a ball) of exp(-|d|^2/2 sigma_spatial^2) exp(-(v(q)-v(p))^2/2 sigma_range^2) v(q), divided by the sum of the weights; " +
			"channels and time points alone. radius 0: round(1.5 sigma_spatial), at least 1 (OpenCV's rule). On 2D UInt8 with output same and mode mirror it is cv2.bilateralFilter(src, 2 radius + 1, sigma_range, sigma_spatial) " +
			"within 1 (OpenCV sums in float32). Sums in float64 (2D UInt8 to UInt8: in float32 as OpenCV, the float64 value rounded or one off within 0.03 of a half); output Real32 by default or the type named by output (integers rounded half away from zero). Border: mode and cval as scipy (OpenCV's default is mirror).",
		Inputs: []ops.Input{{Name: "image", Types: inputTypes}},
		Params: withBorder(
			ops.Param{Name: "sigma_spatial", Doc: "spatial standard deviation in pixels", Kind: ops.Float, Default: 1.0, Min: ops.Bound(math.SmallestNonzeroFloat64)},
			ops.Param{Name: "sigma_range", Doc: "range (intensity) standard deviation in the image's units", Kind: ops.Float, Min: ops.Bound(math.SmallestNonzeroFloat64)},
			ops.Param{Name: "radius", Doc: "window radius in pixels; 0: round(1.5 sigma_spatial)", Kind: ops.Int, Default: 0, Min: ops.Bound(0), Max: ops.Bound(MaxBilateralRadius)},
			ops.OutputParam("Real32", ops.Numeric),
		),
		Output: derivOutput,
		Local:  true,
		Halo: func(_ []gips.Geometry, p ops.Values) [3]int {
			r := BilateralRadius(p.Float("sigma_spatial"), p.Int("radius"))
			return [3]int{r, r, r}
		},
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			opts, err := options(p)
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), BilateralInto(out, in[0], p.Float("sigma_spatial"), p.Float("sigma_range"), p.Int("radius"), opts...)
		},
	})
}

// withBorder puts the op's own parameters before mode and cval, so that
// Python's positional order is scipy's (sobel(image, axis, ...)).
func withBorder(ps ...ops.Param) []ops.Param { return append(ps, ops.ModeParams()...) }
