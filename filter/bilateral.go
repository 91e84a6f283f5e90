package filter

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// MaxBilateralRadius bounds the bilateral window: the weights of a ball
// of that radius are precomputed, and the cost per pixel is its volume.
const MaxBilateralRadius = 64

// Bilateral is the edge-preserving bilateral filter on 2D images and
// volumes (each channel and time point alone):
//
//	out(p) = Σ_q ws(q−p)·wr(v(q)−v(p))·v(q) / Σ_q ws(q−p)·wr(v(q)−v(p))
//
// over the offsets q−p of Euclidean length at most radius (a disk in 2D, a
// ball in 3D), with ws(d) = exp(−|d|²/2σs²) and wr(δ) = exp(−δ²/2σr²):
// sigmaSpatial in pixels, sigmaRange in the image's units. radius 0 means
// round(1.5·sigmaSpatial) (half to even), at least 1: OpenCV's rule. Pixels
// beyond the border are read by the mode, cval in Constant mode (OpenCV's
// default border, BORDER_REFLECT_101, is Mirror).
//
// On a 2D grey UInt8 image with WithOutput(gips.UInt8) and the same border
// this is cv2.bilateralFilter(src, 2·radius+1, sigmaRange, sigmaSpatial)
// up to OpenCV's float32 sums (its values differ by at most 1); OpenCV's
// float version interpolates the range weight from a table, and its colour
// version uses the distance between colours, where this filters each
// channel alone. Sums are in float64; the output is Real32 unless
// WithOutput says otherwise (integers rounded half away from zero). The
// UInt8 output of a 2D UInt8 image sums in float32 with a computed
// exponential, as fast as OpenCV: equal to the float64 result rounded, or
// one off where that lies within 0.03 of a half (see bilateral_u8.go).
func Bilateral(img *gips.Image, sigmaSpatial, sigmaRange float64, radius int, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	out, err := newOutput("bilateral", img, c.output)
	if err != nil {
		return nil, err
	}
	return out, BilateralInto(out, img, sigmaSpatial, sigmaRange, radius, opts...)
}

// BilateralRadius is the window radius Bilateral uses for radius 0:
// round(1.5·sigmaSpatial), half to even, at least 1; a given radius is
// returned as it is.
func BilateralRadius(sigmaSpatial float64, radius int) int {
	if radius > 0 {
		return radius
	}
	if !(sigmaSpatial < 1e6) { // refused by Bilateral; no int overflow here
		return 1 << 20
	}
	return max(1, int(math.RoundToEven(1.5*sigmaSpatial)))
}

// BilateralInto is Bilateral into a caller's image of src's sizes, whose
// buffer type is the output type. dst may be src.
func BilateralInto(dst, src *gips.Image, sigmaSpatial, sigmaRange float64, radius int, opts ...Option) error {
	const fn = "bilateral"
	c := collect(opts)
	if err := c.check(fn); err != nil {
		return err
	}
	if !(sigmaSpatial > 0) || math.IsInf(sigmaSpatial, 0) {
		return fmt.Errorf("%s: sigma_spatial %v: want a finite value > 0: %w", fn, sigmaSpatial, ErrParam)
	}
	if !(sigmaRange > 0) || math.IsInf(sigmaRange, 0) {
		return fmt.Errorf("%s: sigma_range %v: want a finite value > 0: %w", fn, sigmaRange, ErrParam)
	}
	if radius < 0 || radius > MaxBilateralRadius {
		return fmt.Errorf("%s: radius %d: want 0 (from sigma_spatial) to %d: %w", fn, radius, MaxBilateralRadius, ErrParam)
	}
	r := BilateralRadius(sigmaSpatial, radius)
	if r > MaxBilateralRadius {
		return fmt.Errorf("%s: sigma_spatial %v gives a radius %d beyond %d: %w", fn, sigmaSpatial, r, MaxBilateralRadius, ErrParam)
	}
	nd := ndims(src)
	// A table of range weights for integer differences, when the input's
	// values are integers in a range small enough (8 and 16 bits).
	var lut []float64
	table := false
	if t := src.Type(); t == gips.Binary || (!t.IsFloat() && t.ItemSize() <= 2) {
		lo, hi := t.Range()
		lut = make([]float64, int(hi-lo)+1)
		for i := range lut {
			lut[i] = math.Exp(-float64(i*i) / (2 * sigmaRange * sigmaRange))
		}
		// 8-bit values (and cval, in Constant mode, an integer in the
		// type's range): |q − c0| < 256 indexes a per-tap table.
		table = len(lut) <= 256 && (c.mode != Constant || (c.cval == math.Trunc(c.cval) && c.cval >= float64(lo) && c.cval <= float64(hi)))
	}
	if nd == 2 && table && src.Type() == gips.UInt8 && dst.Type() == gips.UInt8 {
		// OpenCV's case: float32 sums (bilateral_u8.go).
		if err := checkInto(fn, dst, src, 1); err != nil {
			return err
		}
		if gips.Overlap(src, dst) {
			cp, err := gips.Copy(src)
			if err != nil {
				return fmt.Errorf("%s: %w", fn, err)
			}
			src = cp
		}
		if err := bilateralU8(dst, src, r, sigmaSpatial, sigmaRange, c); err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
		return nil
	}
	return volumes(fn, dst, src, 1, func(v field[float64]) ([]field[float64], error) {
		return []field[float64]{bilateralField(v, nd, r, sigmaSpatial, sigmaRange, lut, table, c)}, nil
	})
}

// bilateralField filters v by brute force over a copy padded by r on every
// side (by the mode), so that the inner loop reads neighbours at fixed
// offsets.
//
// table: the values are 8-bit integers (cval too), so bilateralTable's
// loop applies.
func bilateralField(v field[float64], nd, r int, ss, sr float64, lut []float64, table bool, c config) field[float64] {
	rz := 0
	if nd == 3 {
		rz = r
	}
	pw, ph, pd := v.w+2*r, v.h+2*r, v.d+2*rz
	pad := make([]float64, pw*ph*pd)
	par.For(pd*ph, 16, func(lo, hi int) {
		for l := lo; l < hi; l++ {
			ze, ye := l/ph-rz, l%ph-r
			zs, okz := inside(ze, v.d, c.mode)
			ys, oky := inside(ye, v.h, c.mode)
			row := pad[l*pw : (l+1)*pw]
			if !okz || !oky {
				for i := range row {
					row[i] = c.cval
				}
				continue
			}
			extendLine(row, v.pix[(zs*v.h+ys)*v.w:(zs*v.h+ys+1)*v.w], r, c.mode, c.cval, false)
		}
	})
	var taps []bilateralTap
	for dz := -rz; dz <= rz; dz++ {
		for dy := -r; dy <= r; dy++ {
			for dx := -r; dx <= r; dx++ {
				d2 := dx*dx + dy*dy + dz*dz
				if d2 > r*r {
					continue
				}
				taps = append(taps, bilateralTap{(dz*ph+dy)*pw + dx, math.Exp(-float64(d2) / (2 * ss * ss))})
			}
		}
	}
	out := newField[float64](v.w, v.h, v.d)
	k := -1 / (2 * sr * sr)
	if table {
		bilateralTable(out, pad, v, r, rz, pw, ph, lut, taps)
		return out
	}
	par.For(v.d*v.h, max(1, 256/max(v.w, 1)), func(lo, hi int) {
		for l := lo; l < hi; l++ {
			z, y := l/v.h, l%v.h
			base := ((z+rz)*ph+y+r)*pw + r
			dst := out.pix[l*v.w : (l+1)*v.w]
			for x := range dst {
				p := base + x
				c0 := pad[p]
				var num, den float64
				for _, t := range taps {
					q := pad[p+t.off]
					d := q - c0
					var wr float64
					if a := math.Abs(d); lut != nil && a < float64(len(lut)) && a == math.Trunc(a) {
						wr = lut[int(a)]
					} else {
						wr = math.Exp(d * d * k)
					}
					w := t.w * wr
					num += w * q
					den += w
				}
				dst[x] = num / den
			}
		}
	})
	return out
}

// bilateralTap is one offset of the spatial window and its weight.
type bilateralTap struct {
	off int
	w   float64
}

// bilateralTable is bilateralField's loop for 8-bit values (and Binary):
// each tap's products t.w·lut[|d|] are computed once into a table (taps ×
// 256 float64s), so a pixel's taps cost a table load instead of an
// exponential's guards, an abs and a float-to-int conversion. The same
// float64 products, sums and order: bit for bit the generic loop's result.
func bilateralTable(out field[float64], pad []float64, v field[float64], r, rz, pw, ph int, lut []float64, taps []bilateralTap) {
	n := len(lut)
	tw := make([]float64, len(taps)*n)
	offs := make([]int, len(taps))
	for i, t := range taps {
		offs[i] = t.off
		for d := range n {
			tw[i*n+d] = t.w * lut[d]
		}
	}
	par.For(v.d*v.h, max(1, 256/max(v.w, 1)), func(lo, hi int) {
		for l := lo; l < hi; l++ {
			z, y := l/v.h, l%v.h
			base := ((z+rz)*ph+y+r)*pw + r
			dst := out.pix[l*v.w : (l+1)*v.w]
			for x := range dst {
				p := base + x
				c0 := pad[p]
				var num, den float64
				for i, off := range offs {
					q := pad[p+off]
					d := int(q - c0)
					d = (d ^ (d >> 63)) - (d >> 63) // |d|
					w := tw[i*n+d]
					num += w * q
					den += w
				}
				dst[x] = num / den
			}
		}
	})
}
