package util

import (
	"math"

	"github.com/gipsdev/gips"
)

// The rows of a Clamp conversion between two non-Binary types: every
// pixel gives gips.Saturate[D](float64(v)), as the general mapping
// (convert) would, without its float64 function call a pixel, which ran
// a 256x256 float32 to UInt8 conversion at 75x numpy's time. Each kind
// of pair has its own loop, and its SIMD twin first where the build has
// one (simd_amd64.go): the twin tests compare both with Saturate.

// clampRow is the row of the Clamp conversion from S to D (neither
// Binary).
func clampRow[D, S gips.Pixel]() func(d []D, s []S) {
	dt, st := gips.TypeOf[D](), gips.TypeOf[S]()
	switch {
	case holds(dt, st) || dt.IsFloat():
		// Every value converts exactly, or to the float nearest it (Go's
		// conversion of an integer or float64 to float32 rounds once, as
		// Saturate's float32(float64(v)) does).
		return convertRow[D, S]
	case st.IsFloat():
		return roundRow[D, S]
	}
	return narrowRow[D, S]
}

// narrowRow clamps integers to D's range: int64 min and max compile to
// conditional moves, no branch a pixel.
func narrowRow[D, S gips.Pixel](d []D, s []S) {
	n := simdNarrow(d, s)
	d, s = d[n:], s[n:len(d)]
	l, h := gips.TypeOf[D]().Range()
	lo, hi := int64(l), int64(h)
	for i, v := range s {
		d[i] = D(min(max(int64(v), lo), hi))
	}
}

// roundRow converts floats to integers: NaN is 0, values are clamped to
// D's range and rounded half away from zero. Rounding adds the largest
// float64 below 1/2 with v's sign and truncates toward zero: exact for every v of at
// most 2^52 (the sum is the next integer only when v's fraction is at
// least 1/2, as 0.5 - 2^-54 + 0.5 ties to 1), and clamped values are
// at most 2^32. A float32 pixel converts to float64 exactly, so one loop
// serves both.
func roundRow[D, S gips.Pixel](d []D, s []S) {
	n := simdRound(d, s)
	d, s = d[n:], s[n:len(d)]
	lo, hi := gips.TypeOf[D]().Range()
	for i, v := range s {
		x := float64(v)
		if x != x { // NaN: rare in images, a predicted branch
			x = 0
		}
		x = min(max(x, lo), hi)
		d[i] = D(int64(x + math.Copysign(belowHalf, x))) // int64 truncates
	}
}

// belowHalf is the largest float64 below 1/2.
const belowHalf = 0.49999999999999994
