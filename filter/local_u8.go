package filter

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// Local variance of a 2D UInt8 image in integers: per output row, running
// column sums of v and v² over the box's rows (one source row added and
// one taken away per row) and a running sum of those along x give the
// box's S = Σv and S2 = Σv² exactly; the variance is (n·S2 − S²)/n², an
// exact integer numerator (never negative) times 1/n². One pass over the
// rows with a few KB of sums, where the float64 path built two float64
// images of the whole input (268 MB for 4096²) per call, whose fresh pages
// and threads' memory traffic made its time bimodal.

// localMaxBox bounds sx·sy for localU8: S2 of a column and of the box fits
// an int32 (32768·255² < 2^31).
const localMaxBox = 1 << 15

// localU8 runs the integer path when it applies (2D UInt8 into Real32 or
// Real64, an integer cval in [0, 255] in Constant mode, a box of at most
// localMaxBox pixels) and reports whether it did. size is checked.
func localU8(fn string, dst, src *gips.Image, size [3]int, std bool, c config) (bool, error) {
	if src.Geometry().Volume || src.Type() != gips.UInt8 || (dst.Type() != gips.Real32 && dst.Type() != gips.Real64) {
		return false, nil
	}
	if size[0]*size[1] > localMaxBox {
		return false, nil
	}
	cv := uint8(0)
	if c.mode == Constant {
		if c.cval != math.Trunc(c.cval) || c.cval < 0 || c.cval > 255 {
			return false, nil
		}
		cv = uint8(c.cval)
	}
	if err := checkInto(fn, dst, src, 1); err != nil {
		return true, err
	}
	if gips.Overlap(src, dst) {
		cp, err := gips.Copy(src)
		if err != nil {
			return true, err
		}
		src = cp
	}
	sp, err := gips.Planes[uint8](src)
	if err != nil {
		return true, err
	}
	lb := localBox{sx: size[0], sy: size[1], std: std, mode: c.mode, cval: cv}
	if dst.Type() == gips.Real32 {
		dp, err := gips.WritablePlanes[float32](dst)
		if err != nil {
			return true, err
		}
		localPlanes(lb, dp, sp)
		return true, nil
	}
	dp, err := gips.WritablePlanes[float64](dst)
	if err != nil {
		return true, err
	}
	localPlanes(lb, dp, sp)
	return true, nil
}

// localBox is one localU8 call's box, output and border.
type localBox struct {
	sx, sy int
	std    bool
	mode   Mode
	cval   uint8
}

func localPlanes[D float32 | float64](lb localBox, dp []gips.Plane[D], sp []gips.Plane[uint8]) {
	w, h := sp[0].Width, sp[0].Height
	// An even box reaches size/2 back and size/2 − 1 forward (scipy's).
	bx, by := lb.sx/2, lb.sy/2
	fy := lb.sy - 1 - by
	n := int64(lb.sx * lb.sy)
	inv := 1 / float64(n*n)
	par.BandsWork(len(sp), h, 8*w, func(p, y0, y1 int) {
		ww := w + lb.sx - 1
		ext := make([]uint8, ww)
		cs, cs2 := make([]int32, ww), make([]int32, ww)
		cvRow := make([]uint8, w)
		for i := range cvRow {
			cvRow[i] = lb.cval
		}
		// add adds (sign 1) or takes away (-1) source row e, extended along x.
		add := func(e int, sign int32) {
			row := cvRow
			if s, ok := inside(e, h, lb.mode); ok {
				row = sp[p].Row(s)
			}
			copy(ext[bx:], row)
			for i := range bx {
				ext[i] = localPix(row, i-bx, lb)
			}
			for i := bx + w; i < ww; i++ {
				ext[i] = localPix(row, i-bx, lb)
			}
			cs, cs2 := cs[:len(ext)], cs2[:len(ext)]
			for i, v := range ext {
				u := int32(v)
				cs[i] += sign * u
				cs2[i] += sign * u * u
			}
		}
		for e := y0 - by; e <= y0+fy; e++ {
			add(e, 1)
		}
		for y := y0; y < y1; y++ {
			if y > y0 {
				add(y+fy, 1)
				add(y-1-by, -1)
			}
			out := dp[p].Row(y)
			var s, s2 int64
			for i := range lb.sx - 1 {
				s += int64(cs[i])
				s2 += int64(cs2[i])
			}
			lead, lead2 := cs[lb.sx-1:], cs2[lb.sx-1:]
			lead, lead2 = lead[:w], lead2[:w]
			trail, trail2 := cs[:w], cs2[:w]
			for x := range out {
				s += int64(lead[x])
				s2 += int64(lead2[x])
				v := float64(n*s2-s*s) * inv
				if lb.std {
					v = math.Sqrt(v)
				}
				out[x] = D(v)
				s -= int64(trail[x])
				s2 -= int64(trail2[x])
			}
		}
	})
}

// localPix is pixel i of row extended by the box's mode.
func localPix(row []uint8, i int, lb localBox) uint8 {
	if j, ok := inside(i, len(row), lb.mode); ok {
		return row[j]
	}
	return lb.cval
}
