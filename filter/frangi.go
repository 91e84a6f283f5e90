package filter

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
)

// FrangiParams are the parameters of Frangi, skimage.filters.frangi's
// (scikit-image 0.19.3), whose defaults DefaultFrangi gives.
type FrangiParams struct {
	Sigmas      []float64 // scales in pixels, each >= 0 (skimage: range(1, 10, 2))
	Alpha       float64   // plate-like sensitivity (3D), > 0 (0.5)
	Beta        float64   // blob-like sensitivity, > 0 (0.5)
	Gamma       float64   // structureness sensitivity, > 0 (15)
	BlackRidges bool      // detect dark ridges on a light background (true)
}

// DefaultFrangi is skimage 0.19.3's defaults: sigmas 1, 3, 5, 7, 9, alpha
// and beta 0.5, gamma 15, black ridges.
func DefaultFrangi() FrangiParams {
	return FrangiParams{Sigmas: []float64{1, 3, 5, 7, 9}, Alpha: 0.5, Beta: 0.5, Gamma: 15, BlackRidges: true}
}

// MaxFrangiScales bounds the number of scales.
const MaxFrangiScales = 64

// Frangi is the Frangi vesselness filter as skimage.filters.frangi
// (scikit-image 0.19.3), on 2D images and volumes (each channel and time
// point alone). As skimage, it first inverts the image for black ridges
// (unsigned: max − v; signed: −1 − v; float: 1 − v; Binary: not v) and
// scales integer images to [0, 1] (unsigned: v/max) or [-1, 1] (signed:
// v/max, at least −1), since gamma is absolute. For each sigma it takes
// the Hessian's eigenvalues as HessianEigenvalues (Gaussian smoothing,
// then numpy.gradient twice), multiplied by sigma², sorts them by
// magnitude |λ1| <= |λ2| (<= |λ3|), and computes
//
//	(1 − exp(−Ra²/2α²)) · exp(−Rb²/2β²) · (1 − exp(−S²/2γ²))
//
// with Ra = λ2/λ3 (3D; 2D: the factor is 1), Rb = λ1/|λ2| (2D) or
// λ1/sqrt|λ2λ3| (3D), S² = Σλ², zero denominators replaced by 1e-10, and 0
// where the largest of λ2 (, λ3) is positive. The result is the maximum
// over the scales. Border: the options' mode and cval (skimage's default
// mode is reflect too); computed in float64; output Real32 unless
// WithOutput says otherwise.
func Frangi(img *gips.Image, p FrangiParams, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	out, err := newOutput("frangi", img, c.output)
	if err != nil {
		return nil, err
	}
	return out, FrangiInto(out, img, p, opts...)
}

// FrangiInto is Frangi into a caller's image of src's sizes, whose buffer
// type is the output type. dst may be src.
func FrangiInto(dst, src *gips.Image, p FrangiParams, opts ...Option) error {
	const fn = "frangi"
	c := collect(opts)
	if len(p.Sigmas) == 0 || len(p.Sigmas) > MaxFrangiScales {
		return fmt.Errorf("%s: sigmas: %d values: want 1 to %d: %w", fn, len(p.Sigmas), MaxFrangiScales, ErrParam)
	}
	for _, s := range p.Sigmas {
		if err := checkSigma(fn, "sigmas", [3]float64{s, s, s}, c); err != nil {
			return err
		}
	}
	for _, x := range []struct {
		name string
		v    float64
	}{{"alpha", p.Alpha}, {"beta", p.Beta}, {"gamma", p.Gamma}} {
		if !(x.v > 0) || math.IsInf(x.v, 0) {
			return fmt.Errorf("%s: %s %v: want a finite value > 0: %w", fn, x.name, x.v, ErrParam)
		}
	}
	nd := ndims(src)
	toFloat := skimageFloat(src.Type(), p.BlackRidges)
	a2, b2, g2 := 2*p.Alpha*p.Alpha, 2*p.Beta*p.Beta, 2*p.Gamma*p.Gamma
	return volumes(fn, dst, src, 1, func(v field[float64]) ([]field[float64], error) {
		for i, x := range v.pix {
			v.pix[i] = toFloat(x)
		}
		best := newField[float64](v.w, v.h, v.d)
		work := pooledField[float64](v.w, v.h, v.d)
		defer work.release()
		hw := newHessianWork(v, nd)
		defer hw.release()
		for _, s := range p.Sigmas {
			copy(work.pix, v.pix)
			h := hw.hessian(work, nd, [3]float64{s, s, s}, c)
			forRows(best, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					if f := frangiValue(eigenAt(&h, nd, i, s*s), nd, a2, b2, g2, best.pix[i]); f > best.pix[i] {
						best.pix[i] = f
					}
				}
			})
		}
		return []field[float64]{best}, nil
	})
}

// frangiValue is one scale's vesselness from eigenvalues l (largest
// first), as skimage 0.19.3 computes it, or 0 when it cannot exceed
// best. Its exponentials were most of its time, and a later scale
// seldom beats the best so far, so it first bounds the value without
// them: exp(-u) <= 1/(1+u) and 1 - exp(-u) <= min(1, u) for u >= 0. The
// bound covers the roundings of the computed value: 1e-15 added to each
// 1 - exp(-u) (whose cancellation errs by a few 1e-16 in absolute terms,
// far more than relative ones for a tiny u), 1e-9 of the product for the
// rest; so the maximum over the scales is exactly what it would be
// without it (TestFrangiBoundKeepsTheMaximum).
func frangiValue(l [3]float64, nd int, a2, b2, g2, best float64) float64 {
	// Sort by magnitude, stably (numpy's argsort of 2 or 3 values).
	for i := 1; i < nd; i++ {
		for j := i; j > 0 && math.Abs(l[j]) < math.Abs(l[j-1]); j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
	nz := func(x float64) float64 {
		if x == 0 {
			return 1e-10
		}
		return x
	}
	var ua float64 // Ra²/2α² (3D)
	var raw, top float64
	if nd == 2 {
		raw, top = math.Abs(l[1]), l[1]
	} else {
		ra := l[1] / nz(l[2])
		ua = ra * ra / a2
		raw, top = math.Sqrt(math.Abs(l[1]*l[2])), max(l[1], l[2])
	}
	if top > 0 {
		return 0
	}
	rb := l[0] / nz(raw)
	ub, us := rb*rb/b2, (l[0]*l[0]+l[1]*l[1]+l[2]*l[2])/g2
	bound := (min(1, us) + 1e-15) / (1 + ub)
	if nd == 3 {
		bound *= min(1, ua) + 1e-15
	}
	if bound*(1+1e-9) < best {
		return 0
	}
	plate := 1.0
	if nd == 3 {
		plate = 1 - math.Exp(-ua)
	}
	return plate * math.Exp(-ub) * (1 - math.Exp(-us))
}

// skimageFloat is skimage's invert (when black) followed by img_as_float
// for an input of type t, as a map of one value.
func skimageFloat(t gips.BufferType, black bool) func(float64) float64 {
	_, hi := t.Range()
	switch {
	case t == gips.Binary:
		if black {
			return func(x float64) float64 { return 1 - x }
		}
		return func(x float64) float64 { return x }
	case t.IsFloat():
		if black {
			return func(x float64) float64 { return 1 - x }
		}
		return func(x float64) float64 { return x }
	case t.IsSigned():
		return func(x float64) float64 {
			if black {
				x = -1 - x
			}
			return max(x/hi, -1)
		}
	}
	return func(x float64) float64 {
		if black {
			x = hi - x
		}
		return x / hi
	}
}
