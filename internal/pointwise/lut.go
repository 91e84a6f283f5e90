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
	size := src.Type().ItemSize()
	if size == 1 || size == 2 && src.Geometry().Pixels() >= lutMinPixels {
		n := 1 << (8 * size)
		lut := make([]D, n)
		for i := range lut {
			var v S
			if size == 1 {
				v = S(uint8(i)) // int8 sources wrap to their negative values
			} else {
				v = S(uint16(i))
			}
			lut[i] = f(float64(v))
		}
		mask := n - 1
		return Rows1(dst, src, func(d []D, s []S) {
			s = s[:len(d)]
			for i, v := range s {
				d[i] = lut[int(uint16(v))&mask]
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
