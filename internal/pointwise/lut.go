package pointwise

import (
	"github.com/gipsdev/gips"
)

// Limits is the range of an integer pixel type as int64 (for saturating
// integer arithmetic); for float types it is the whole int64 range and
// unused.
func Limits[T gips.Pixel]() (lo, hi int64) {
	var z T
	switch any(z).(type) {
	case uint8:
		return 0, 255
	case int8:
		return -128, 127
	case uint16:
		return 0, 65535
	case int16:
		return -32768, 32767
	case uint32:
		return 0, 4294967295
	case int32:
		return -2147483648, 2147483647
	}
	return -1 << 63, 1<<63 - 1
}

// IsFloat reports whether T is float32 or float64.
func IsFloat[T gips.Pixel]() bool {
	var z T
	switch any(z).(type) {
	case float32, float64:
		return true
	}
	return false
}

// lutMinPixels is the image size from which a 16-bit table pays for its
// 65536 evaluations of the formula.
const lutMinPixels = 1 << 18

// Map sets dst = f(src) pixel by pixel, where f is a formula on the source
// value as float64 (exact for every source type). For 8- and 16-bit sources
// f is evaluated once per possible value into a table, so the per-pixel
// cost is one load whatever f costs; other types call f per pixel.
func Map[D, S gips.Pixel](dst, src *gips.Image, f func(float64) D) error {
	switch size := src.Type().ItemSize(); {
	case size == 1:
		// Indexing a [256] array by a byte needs no bounds check.
		var lut [256]D
		for i := range lut {
			lut[i] = f(float64(S(uint8(i)))) // int8 sources wrap to their negative values
		}
		return Rows1(dst, src, func(d []D, s []S) {
			s = s[:len(d)]
			for i, v := range s {
				d[i] = lut[uint8(v)]
			}
		})
	case size == 2 && src.Geometry().Pixels() >= lutMinPixels:
		lut := new([1 << 16]D)
		for i := range lut {
			lut[i] = f(float64(S(uint16(i))))
		}
		return Rows1(dst, src, func(d []D, s []S) {
			s = s[:len(d)]
			for i, v := range s {
				d[i] = lut[uint16(v)]
			}
		})
	}
	return Rows1(dst, src, func(d []D, s []S) {
		s = s[:len(d)]
		for i, v := range s {
			d[i] = f(float64(v))
		}
	})
}
