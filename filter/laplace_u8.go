package filter

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// The Laplace filter of a 2D UInt8 image into Real32 (the default output):
// the 5-point sum up + down + left + right − 4·centre is an integer within
// ±1020, so int32 arithmetic and one conversion give exactly the float32
// that scipy's per-axis float32 passes give (each pass and their sum are
// integers below 2^24). One pass over the rows, no float intermediates:
// the generic streamed path converted every row to float32 and ran a
// 3-tap correlation per axis.

// laplaceU8 runs the integer path when it applies (2D UInt8 into Real32;
// Constant mode with an integer cval in [0, 255]) and reports whether it
// did. The caller has checked the config.
func laplaceU8(dst, src *gips.Image, c config) (bool, error) {
	if src.Geometry().Volume || src.Type() != gips.UInt8 || dst.Type() != gips.Real32 {
		return false, nil
	}
	cv := uint8(0)
	if c.mode == Constant {
		if c.cval != math.Trunc(c.cval) || c.cval < 0 || c.cval > 255 {
			return false, nil
		}
		cv = uint8(c.cval)
	}
	sp, dp, err := laplacePlanes[uint8](dst, src)
	if err != nil {
		return true, err
	}
	w, h := src.SizeX(), src.SizeY()
	par.BandsWork(len(sp), h, 5*w, func(p, y0, y1 int) {
		ext := make([]uint8, w+2+16) // the row and a pixel either side; 16 bytes of slack for the vector loads
		cvRow := make([]uint8, w+16)
		for i := range cvRow {
			cvRow[i] = cv
		}
		row := func(e int) []uint8 {
			if s, ok := inside(e, h, c.mode); ok {
				return sp[p].Row(s)
			}
			return cvRow[:w]
		}
		for y := y0; y < y1; y++ {
			cur := row(y)
			ext[0], ext[w+1] = laplaceEdge(cur, -1, c.mode, cv), laplaceEdge(cur, w, c.mode, cv)
			copy(ext[1:], cur)
			lapRow(dp[p].Row(y), row(y-1), row(y+1), ext[:w+2+16])
		}
	})
	return true, nil
}

// laplaceEdge is pixel i (-1 or len(row)) of row extended by the mode.
func laplaceEdge(row []uint8, i int, m Mode, cv uint8) uint8 {
	if j, ok := inside(i, len(row), m); ok {
		return row[j]
	}
	return cv
}

// lapRow sets out[x] = up[x] + down[x] + ext[x] + ext[x+2] − 4·ext[x+1];
// ext is the centre row with one pixel of border either side (and at
// least 16 bytes past it, which the vector loop may read). lapVec (AVX2)
// does a leading part.
func lapRow(out []float32, up, down, ext []uint8) {
	x := lapVec(out, up, down, ext)
	n := len(out)
	up, down, ext = up[:n], down[:n], ext[:n+2]
	for ; x < n; x++ {
		v := int32(up[x]) + int32(down[x]) + int32(ext[x]) + int32(ext[x+2]) - 4*int32(ext[x+1])
		out[x] = float32(v)
	}
}

var lapVec = func(out []float32, up, down, ext []uint8) int { return 0 }
