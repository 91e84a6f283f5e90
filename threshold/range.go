package threshold

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	pw "github.com/gipsdev/gips/internal/pointwise"
)

// Range is the reference SDK's threshold(img, min, max): a new Binary image
// of img's geometry with 1 where min <= v <= max and 0 elsewhere (NaN is
// 0). Comparisons are exact: each pixel is compared as a float64, whatever
// its type; a Binary image's pixels are 0 or 1, whatever non-zero byte
// they hold.
func Range(img *gips.Image, min, max float64) (*gips.Image, error) {
	out, err := newBinary(img)
	if err != nil {
		return nil, err
	}
	return out, RangeInto(out, img, min, max)
}

// Light is Range(img, value, +Inf): 1 where v >= value.
func Light(img *gips.Image, value float64) (*gips.Image, error) {
	return Range(img, value, math.Inf(1))
}

// Dark is Range(img, -Inf, value): 1 where v <= value.
func Dark(img *gips.Image, value float64) (*gips.Image, error) {
	return Range(img, math.Inf(-1), value)
}

// RangeInto is Range into a caller's image of src's sizes, of buffer type
// Binary or UInt8 (which then holds 0 and 1). dst may be src when src is
// itself UInt8 or Binary (in place).
func RangeInto(dst, src *gips.Image, min, max float64) error {
	if math.IsNaN(min) || math.IsNaN(max) {
		return fmt.Errorf("threshold: bounds [%v, %v]: %w", min, max, ErrParam)
	}
	if err := checkBinaryDst("threshold", dst, src); err != nil {
		return err
	}
	if src.Type() == gips.Binary {
		return binaryRange(dst, src, min, max)
	}
	return gips.Dispatch(src.Type(), gips.AllKernels(inRange[uint8], inRange[int8], inRange[uint16], inRange[int16],
		inRange[uint32], inRange[int32], inRange[float32], inRange[float64]), rangeArgs{dst, src, min, max})
}

type rangeArgs struct {
	dst, src *gips.Image
	lo, hi   float64
}

func inRange[T gips.Pixel](a rangeArgs) error {
	src, err := gips.Planes[T](a.src)
	if err != nil {
		return err
	}
	dst, err := gips.Planes[uint8](a.dst)
	if err != nil {
		return err
	}
	return compare(src, dst, a.src.Geometry(), rangeRow[T](a.lo, a.hi))
}

// rangeRow is the row kernel of flo <= v <= fhi for pixels of type T.
func rangeRow[T gips.Pixel](flo, fhi float64) func(d []uint8, s []T) {
	r := newRangeTest[T](flo, fhi)
	return r.row
}

// rangeTest is the test flo <= v <= fhi for pixels of type T, made once
// per call. A value, not a closure: the flat path (flat.go) makes and
// runs one on the stack, where a closure and its SWAR constants were
// three allocations, a fifth of a small call.
type rangeTest[T gips.Pixel] struct {
	t      gips.BufferType
	lo, hi T    // the bounds, in T
	none   bool // every output 0 (integers)
	swar   bool // sw does the whole words of a row (8- and 16-bit pixels)
	sw     swarRange
}

func newRangeTest[T gips.Pixel](flo, fhi float64) rangeTest[T] {
	t := gips.TypeOf[T]()
	if t == gips.Real32 {
		// float64(v) >= flo is v >= the least float32 at or above flo,
		// and float64(v) <= fhi is v <= the greatest at or below fhi:
		// the test in float32, no conversion a pixel (NaN fails both).
		lo, hi := float32(flo), float32(fhi)
		if float64(lo) < flo {
			lo = math.Nextafter32(lo, float32(math.Inf(1)))
		}
		if float64(hi) > fhi {
			hi = math.Nextafter32(hi, float32(math.Inf(-1)))
		}
		return rangeTest[T]{t: t, lo: T(lo), hi: T(hi)}
	}
	if t.IsFloat() {
		return rangeTest[T]{t: t, lo: T(flo), hi: T(fhi)}
	}
	// lo <= v <= hi for an integer v is ceil(lo) <= v <= floor(hi):
	// compare in T, after clipping the bounds to T's range.
	tlo, thi := t.Range()
	lo, hi := max(math.Ceil(flo), tlo), min(math.Floor(fhi), thi)
	if lo > hi {
		return rangeTest[T]{t: t, lo: 1, none: true} // empty: no pixel passes
	}
	r := rangeTest[T]{t: t, lo: T(lo), hi: T(hi)}
	if (lo > tlo || hi < thi) && (t.ItemSize() == 1 || t.ItemSize() == 2 && littleEndian) {
		// the bounds' bit patterns: the test is modulo 2^bits
		r.swar, r.sw = true, newSwarRange(uint(8*t.ItemSize()), uint64(int64(lo)), uint64(int64(hi)))
		if t == gips.Int8 {
			r.sw.bias = 0x80
		}
		r.sw.lo8, r.sw.hi8 = uint8(int64(lo))^r.sw.bias, uint8(int64(hi))^r.sw.bias
		if t == gips.Int16 {
			r.sw.bias16 = 0x8000
		}
		r.sw.lo16, r.sw.hi16 = uint16(int64(lo))^r.sw.bias16, uint16(int64(hi))^r.sw.bias16
	}
	return r
}

// row writes the test of each pixel of s into d.
func (r *rangeTest[T]) row(d []uint8, s []T) {
	d = d[:len(s)]
	switch {
	case r.none:
		clear(d)
	default:
		// The source from its first whole cache line on (pw.Head): numpy's
		// arrays start 16 bytes into one, and the vector loads of a pixel
		// are its widest accesses (the output is a byte a pixel); an
		// AVX-512 load across two lines costs two (float32 light at 256²,
		// a system call before each call as the bench makes: 4.7 -> 2.8 us).
		// Bytes to bytes, the output's line instead: a store across two
		// lines costs more than a load (Go, a system call before each
		// call, the source 32 bytes into a line and the output 48, UInt8
		// light, median: 256² 2.25 -> 1.84 us, 1024² 39-41 -> 33-36).
		h := pw.Head(s)
		if unsafe.Sizeof(s[0:1][0]) == 1 {
			h = pw.Head(d)
		}
		rangeGo(d[:h], s[:h], r.lo, r.hi)
		d, s = d[h:], s[h:]
		var n int
		if r.swar {
			n = rows(&r.sw, d, s)
		} else {
			n = simdRange32(r.t, d, unsafe.Pointer(unsafe.SliceData(s)), unsafe.Pointer(&r.lo), unsafe.Pointer(&r.hi))
		}
		rangeGo(d[n:], s[n:], r.lo, r.hi)
	}
}

// rangeGo is the test in T (NaN fails it), without a branch a pixel;
// four pixels a step, whose compares the CPU overlaps.
func rangeGo[T gips.Pixel](d []uint8, s []T, lo, hi T) {
	d = d[:len(s)]
	i := 0
	for ; i+4 <= len(s); i += 4 {
		d[i] = b2u(s[i] >= lo) & b2u(s[i] <= hi)
		d[i+1] = b2u(s[i+1] >= lo) & b2u(s[i+1] <= hi)
		d[i+2] = b2u(s[i+2] >= lo) & b2u(s[i+2] <= hi)
		d[i+3] = b2u(s[i+3] >= lo) & b2u(s[i+3] <= hi)
	}
	for ; i < len(s); i++ {
		d[i] = b2u(s[i] >= lo) & b2u(s[i] <= hi)
	}
}

// compare runs row over the planes of src into dst.
func compare[T gips.Pixel](src []gips.Plane[T], dst []gips.Plane[uint8], g gips.Geometry, row func(d []uint8, s []T)) error {
	// The bytes moved: a pixel read, a byte written. (Counting 4 a pixel
	// sent the 1024x1024 uint8 row, 2 MiB, to a second worker, whose
	// hand-off made its median 3x its minimum on a busy machine.)
	par.BandsWork(len(src), g.SizeY, g.SizeX*(gips.TypeOf[T]().ItemSize()+1), func(i, y0, y1 int) {
		// A band whose rows are contiguous in both images is one long
		// row: no per-row call and SIMD prologue (see pointwise).
		if s, ok := pw.Span(src[i], y0, y1); ok {
			if d, ok := pw.Span(dst[i], y0, y1); ok {
				row(d, s)
				return
			}
		}
		for y := y0; y < y1; y++ {
			row(dst[i].Row(y), src[i].Row(y))
		}
	})
	return nil
}

// binaryRange is RangeInto for a Binary source: its pixels are 0 or 1,
// whatever non-zero byte they hold, so the result is one of two values.
func binaryRange(dst, src *gips.Image, lo, hi float64) error {
	s, err := gips.Planes[uint8](src)
	if err != nil {
		return err
	}
	d, err := gips.Planes[uint8](dst)
	if err != nil {
		return err
	}
	out := [2]uint8{b2u(lo <= 0 && 0 <= hi), b2u(lo <= 1 && 1 <= hi)}
	g := src.Geometry()
	par.BandsWork(len(s), g.SizeY, 2*g.SizeX, func(i, y0, y1 int) { // a byte read, a byte written
		for y := y0; y < y1; y++ {
			sr, dr := s[i].Row(y), d[i].Row(y)
			dr = dr[:len(sr)]
			for x, v := range sr {
				dr[x] = out[b2u(v != 0)]
			}
		}
	})
	return nil
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

func newBinary(img *gips.Image) (*gips.Image, error) {
	out, err := gips.CreateImage(img.Geometry().WithType(gips.Binary))
	if err != nil {
		return nil, fmt.Errorf("threshold: %w", err)
	}
	out.SetCalibration(img.Calibration())
	return out, nil
}

func checkBinaryDst(fn string, dst, src *gips.Image) error {
	sg, dg := src.Geometry(), dst.Geometry()
	if sg.SizeX != dg.SizeX || sg.SizeY != dg.SizeY || sg.SizeZ != dg.SizeZ || sg.SizeC != dg.SizeC || sg.SizeT != dg.SizeT {
		return fmt.Errorf("%s: source %v and destination %v differ in size: %w", fn, sg, dg, gips.ErrShape)
	}
	if dg.Type != gips.Binary && dg.Type != gips.UInt8 {
		return fmt.Errorf("%s: destination %v: want Binary or UInt8: %w", fn, dg, gips.ErrBufferType)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	return nil
}

// Above is 1 where v > value, strictly: scikit-image's image > threshold,
// the foreground of OtsuApply. (v > t is v >= the next float64 after t,
// and every pixel value is a float64 exactly.)
func Above(img *gips.Image, value float64) (*gips.Image, error) {
	return Range(img, math.Nextafter(value, math.Inf(1)), math.Inf(1))
}

// AboveInto is Above into a caller's Binary or UInt8 image (see RangeInto).
func AboveInto(dst, src *gips.Image, value float64) error {
	return RangeInto(dst, src, math.Nextafter(value, math.Inf(1)), math.Inf(1))
}
