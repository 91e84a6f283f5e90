package util

import (
	"fmt"
	"math"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	pw "github.com/gipsdev/gips/internal/pointwise"
)

// Scaling says how ConvertImg maps values of one type onto another.
type Scaling string

const (
	// Clamp keeps values: each is rounded to nearest (halves away from
	// zero) and clamped to the output type's range, NaN gives 0; to Binary,
	// every non-zero value is 1. Int16 -5 to UInt8 is 0; 300.7 is 255.
	Clamp Scaling = "clamp"
	// Scale maps the input type's range linearly onto the output type's
	// range, then converts as Clamp: UInt8 to UInt16 multiplies by 257,
	// Int8 to UInt8 adds 128. Float types count as the range [0, 1] (the
	// scikit-image convention), so UInt8 to Real32 divides by 255 and Real32
	// to UInt8 multiplies by 255; Binary is [0, 1].
	Scale Scaling = "scale"
	// MinMax maps the image's own minimum and maximum (NaN ignored) onto
	// the output range as Scale does; a constant image maps to the bottom
	// of the range.
	MinMax Scaling = "minmax"
)

// Scalings lists the conversion modes.
var Scalings = []Scaling{Clamp, Scale, MinMax}

// ConvertImg returns img converted to buffer type t (see Scaling); the result
// is a new C-contiguous image with img's calibration. Binary sources are
// read as 0 or 1 (any non-zero byte is 1).
func ConvertImg(img *gips.Image, t gips.BufferType, scaling Scaling) (*gips.Image, error) {
	out, err := gips.CreateLike(img, t)
	if err != nil {
		return nil, fmt.Errorf("convertImg: %w", err)
	}
	if err := ConvertImgInto(out, img, scaling); err != nil {
		return nil, err
	}
	return out, nil
}

// ConvertImgInto converts src into dst, whose sizes are src's and whose
// buffer type is the target type. dst may be src only when the two have
// the same type.
func ConvertImgInto(dst, src *gips.Image, scaling Scaling) error {
	s, d := src.Geometry(), dst.Geometry()
	if s.SizeX != d.SizeX || s.SizeY != d.SizeY || s.SizeZ != d.SizeZ || s.SizeC != d.SizeC || s.SizeT != d.SizeT {
		return fmt.Errorf("convertImg: source %v, destination %v: the sizes must be equal: %w", s, d, gips.ErrShape)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("convertImg: %w", err)
	}
	m := mapping{scaling: scaling, bin: s.Type == gips.Binary, toBin: d.Type == gips.Binary}
	switch scaling {
	case Clamp:
		m.k = 1
	case Scale, MinMax:
		lo, hi := unitRange(s.Type)
		if scaling == MinMax {
			var err error
			if lo, hi, err = MinMaxOf(src); err != nil {
				return fmt.Errorf("convertImg: %w", err)
			}
		}
		olo, ohi := unitRange(d.Type)
		m.lo, m.olo = lo, olo
		if hi > lo {
			m.k = (ohi - olo) / (hi - lo)
		}
	default:
		return fmt.Errorf("convertImg: scaling %q: want one of %q: %w", scaling, Scalings, gips.ErrRange)
	}
	k := gips.AllKernels(convertFrom[uint8], convertFrom[int8], convertFrom[uint16], convertFrom[int16],
		convertFrom[uint32], convertFrom[int32], convertFrom[float32], convertFrom[float64])
	if err := gips.Dispatch(s.Type, k, convArgs{dst, src, m}); err != nil {
		return fmt.Errorf("convertImg: %w", err)
	}
	return nil
}

// unitRange is a type's range for Scale: its own for integers, [0, 1] for
// floats.
func unitRange(t gips.BufferType) (lo, hi float64) {
	if t.IsFloat() {
		return 0, 1
	}
	return t.Range()
}

// mapping is v -> (v - lo) * k + olo (Clamp: lo = olo = 0, k = 1), then
// the conversion to the output type.
type mapping struct {
	scaling    Scaling
	lo, k, olo float64
	bin, toBin bool // Binary source read as 0/1; Binary output non-zero -> 1
}

type convArgs struct {
	d, s *gips.Image
	m    mapping
}

func convertFrom[S gips.Pixel](a convArgs) error {
	return gips.Dispatch(a.d.Type(), gips.AllKernels(convert[S, uint8], convert[S, int8], convert[S, uint16], convert[S, int16],
		convert[S, uint32], convert[S, int32], convert[S, float32], convert[S, float64]), a)
}

func convert[S, D gips.Pixel](a convArgs) error {
	m := a.m
	if m.scaling == Clamp && !m.bin && !m.toBin {
		return pw.Streamed1(a.d, a.s, clampRow[D, S]())
	}
	return pw.Map[D, S](a.d, a.s, func(v float64) D {
		if m.bin && v != 0 {
			v = 1
		}
		if m.scaling != Clamp {
			v = float64((v-m.lo)*m.k) + m.olo
		}
		if m.toBin { // NaN is 0, as gips.Saturate has it
			if m.scaling == Clamp && v != 0 && v == v || m.scaling != Clamp && v >= 0.5 {
				return 1
			}
			return 0
		}
		return gips.Saturate[D](v)
	})
}

// toFloat32 runs the AVX2 widening when d is float32 and s 8- or 16-bit
// integers, and returns the pixels it did (0 otherwise).
func toFloat32[D, S gips.Pixel](d []D, s []S) int {
	df, ok := any(d).([]float32)
	if !ok {
		return 0
	}
	switch ss := any(s).(type) {
	case []uint8:
		return simdU8F32(df, ss)
	case []int8:
		return simdI8F32(df, ss)
	case []uint16:
		return simdU16F32(df, ss)
	case []int16:
		return simdI16F32(df, ss)
	}
	return 0
}

// holds reports whether every value of type s is exactly a value of d.
func holds(d, s gips.BufferType) bool {
	if d == s || d.IsFloat() && s.IsFloat() && d.ItemSize() >= s.ItemSize() {
		return true
	}
	if s.IsFloat() || d.IsLabel() || s.IsLabel() {
		return false
	}
	slo, shi := s.Range()
	dlo, dhi := d.Range()
	if d == gips.Real32 {
		return s.ItemSize() <= 2 // 32-bit integers need 32 bits of mantissa
	}
	return d == gips.Real64 || dlo <= slo && shi <= dhi
}

// MinMaxOf is the smallest and largest value of img, NaN ignored (0, 0
// when every value is NaN). Binary images read non-zero as 1.
func MinMaxOf(img *gips.Image) (lo, hi float64, err error) {
	k := gips.AllKernels(minMax[uint8], minMax[int8], minMax[uint16], minMax[int16],
		minMax[uint32], minMax[int32], minMax[float32], minMax[float64])
	r := &mmResult{lo: math.Inf(1), hi: math.Inf(-1)}
	if err := gips.Dispatch(img.Type(), k, mmArgs{img, r}); err != nil {
		return 0, 0, err
	}
	if r.lo > r.hi {
		return 0, 0, nil
	}
	if img.Type() == gips.Binary {
		r.lo, r.hi = min(r.lo, 1), min(r.hi, 1)
	}
	return r.lo, r.hi, nil
}

type mmResult struct {
	mu     sync.Mutex
	lo, hi float64
}

type mmArgs struct {
	img *gips.Image
	r   *mmResult
}

func minMax[T gips.Pixel](a mmArgs) error {
	ps, err := gips.Planes[T](a.img)
	if err != nil {
		return err
	}
	g := a.img.Geometry()
	isFloat := g.Type.IsFloat()
	par.BandsWork(len(ps), g.SizeY, g.SizeX*g.Type.ItemSize(), func(i, y0, y1 int) {
		lo, hi := math.Inf(1), math.Inf(-1)
		for y := y0; y < y1; y++ {
			row := ps[i].Row(y)
			if isFloat {
				for _, v := range row {
					if v == v { // NaN is skipped
						lo, hi = min(lo, float64(v)), max(hi, float64(v))
					}
				}
				continue
			}
			// Integers: int64 min and max compile to conditional moves.
			rlo, rhi := int64(row[0]), int64(row[0])
			for _, v := range row {
				rlo, rhi = min(rlo, int64(v)), max(rhi, int64(v))
			}
			lo, hi = min(lo, float64(rlo)), max(hi, float64(rhi))
		}
		if lo <= hi {
			a.r.mu.Lock()
			a.r.lo, a.r.hi = min(a.r.lo, lo), max(a.r.hi, hi)
			a.r.mu.Unlock()
		}
	})
	return nil
}
