package filter

import (
	"fmt"
	"math"
	"sync/atomic"

	"github.com/gipsdev/gips"
)

// The integer box mean: a 2D UInt8 image into UInt8 (Mean's default
// output), with sums in uint16 lanes. It is exact, as the float path is:
// the sum S over the N = sx·sy pixels of a box is an integer (cval too,
// when this path runs), at most 255·N, and the mean rounded half away from
// zero is ⌊(S + ⌊N/2⌋) / N⌋ (S >= 0: for an odd N, S/N is never a half).
// The division is a multiply-high by a constant M and a shift (boxDiv),
// checked at setup against every numerator the box can give, so no sum is
// rounded differently; N <= 256 keeps S + ⌊N/2⌋ within a uint16.
//
// Rows are widened to uint16 and summed along x (a sum of sx shifted
// loads on 16 lanes for small boxes, a running sum otherwise), into a
// ring of row sums; the y pass keeps a running column sum, adding the row
// that enters the box and subtracting the one that leaves.

// boxDiv divides by N as mulhi(a, M) >> s for every a <= top.
type boxDiv struct {
	half, m uint16
	s       uint8
}

// boxDivs caches boxDivOf's answers by N: finding the multiplier checks
// every numerator (up to ~65k steps per candidate shift), which was a third
// of the CPU of a small image's mean. Each entry packs a boxDiv, bit 62 for
// "found" and bit 63 for "computed"; racing computations store equal words.
var boxDivs [257]atomic.Uint64

// boxDivOf is newBoxDiv(n, 255·n + ⌊n/2⌋) (the box mean's numerators), cached.
func boxDivOf(n int) (boxDiv, bool) {
	w := boxDivs[n].Load()
	if w>>63 == 0 {
		d, ok := newBoxDiv(n, 255*n+n/2)
		w = 1<<63 | uint64(d.half)<<24 | uint64(d.m)<<8 | uint64(d.s)
		if ok {
			w |= 1 << 62
		}
		boxDivs[n].Store(w)
	}
	return boxDiv{half: uint16(w >> 24), m: uint16(w >> 8), s: uint8(w)}, w>>62&1 == 1
}

func newBoxDiv(n, top int) (boxDiv, bool) {
	for s := 0; s <= 15; s++ {
		m := (1<<(16+s) + n - 1) / n
		if m > 65535 {
			break
		}
		ok := true
		for a := 0; a <= top && ok; a++ {
			ok = (a*m)>>(16+s) == a/n
		}
		if ok {
			return boxDiv{half: uint16(n / 2), m: uint16(m), s: uint8(s)}, true
		}
	}
	return boxDiv{}, false
}

// meanFixed runs the integer box mean when it applies; done false leaves
// the call to the float path.
func meanFixed(dst, src *gips.Image, size [3]int, c config) (done bool, err error) {
	g := src.Geometry()
	if g.Volume || src.Type() != gips.UInt8 || dst.Type() != gips.UInt8 {
		return false, nil
	}
	sx, sy := size[0], size[1]
	n := sx * sy
	if sx < 1 || sy < 1 || n > 256 || n == 1 {
		return false, nil
	}
	cv := 0.0
	if c.mode == Constant {
		if c.cval != math.Trunc(c.cval) || c.cval < 0 || c.cval > 255 {
			return false, nil
		}
		cv = c.cval
	}
	div, ok := boxDivOf(n)
	if !ok {
		return false, nil
	}
	if err := checkInto("mean", dst, src, 1); err != nil {
		return true, err
	}
	if gips.Overlap(src, dst) {
		if src, err = gips.Copy(src); err != nil {
			return true, fmt.Errorf("mean: %w", err)
		}
	}
	sp, err := gips.Planes[uint8](src)
	if err != nil {
		return true, fmt.Errorf("mean: %w", err)
	}
	dp, err := gips.WritablePlanes[uint8](dst)
	if err != nil {
		return true, fmt.Errorf("mean: %w", err)
	}
	boxPlanes(dp, sp, sx, sy, c.mode, uint16(cv), div)
	return true, nil
}

// boxPlanes filters each plane (see ringFilter): the ring holds row sums
// along x, and a row beyond the image in Constant mode sums sx cvals.
func boxPlanes(dp, sp []gips.Plane[uint8], sx, sy int, mode Mode, cval uint16, div boxDiv) {
	bx, by := sx/2, sy/2 // reach back; sx-1-bx forward
	ay := sy - 1 - by
	f := ringFilter{span: sy + 1, back: bx, fwd: sx - 1 - bx, mode: mode, cval: cval, cvalRx: cval * uint16(sx)}
	f.newX = func() func(row, ext []uint16) {
		return func(row, ext []uint16) { boxRowSum(row, ext, sx) }
	}
	f.y = func(p, y0, y1 int, get func(int) []uint16) {
		acc := make([]uint16, dp[p].Width)
		for e := y0 - by; e <= y0+ay; e++ {
			boxAdd(acc, get(e))
		}
		boxStore(dp[p].Row(y0), acc, div)
		for y := y0 + 1; y < y1; y++ {
			boxStep(dp[p].Row(y), acc, get(y+ay), get(y-by-1), div)
		}
	}
	f.run(sp)
}

// widenBox sets dst[i] = src[i]; boxVec.widen does a leading part.
func widenBox(dst []uint16, src []uint8) {
	done := boxVec.widen(dst, src)
	dst = dst[done:len(src)]
	for i, v := range src[done:] {
		dst[i] = uint16(v)
	}
}

// boxRowSum sets row[i] = Σ ext[i : i+sx].
func boxRowSum(row, ext []uint16, sx int) {
	done := boxVec.rowSum(row, ext, sx)
	if done == len(row) {
		return
	}
	var s uint16
	for _, v := range ext[done : done+sx] {
		s += v
	}
	row[done] = s
	add, sub := ext[done+sx:done+sx+len(row)-done-1], ext[done:len(row)-1]
	out := row[done+1:]
	for i := range out {
		s += add[i] - sub[i]
		out[i] = s
	}
}

func boxAdd(acc, a []uint16) {
	a = a[:len(acc)]
	for i := range acc {
		acc[i] += a[i]
	}
}

// boxStore sets out[i] to acc[i]/N rounded (boxDiv).
func boxStore(out []uint8, acc []uint16, d boxDiv) {
	acc = acc[:len(out)]
	for i, a := range acc {
		out[i] = uint8((uint32(a+d.half) * uint32(d.m)) >> (16 + d.s))
	}
}

// boxStep adds row add to acc, subtracts row sub, and stores the mean.
func boxStep(out []uint8, acc, add, sub []uint16, d boxDiv) {
	done := boxVec.step(out, acc, add, sub, d)
	out, acc, add, sub = out[done:], acc[done:len(out)], add[done:len(out)], sub[done:len(out)]
	for i := range acc {
		a := acc[i] + add[i] - sub[i]
		acc[i] = a
		out[i] = uint8((uint32(a+d.half) * uint32(d.m)) >> (16 + d.s))
	}
}

// boxVec holds the AVX2 twins (mean_fixed_simd.go); each returns how many
// leading pixels it did, none in the pure-Go build.
var boxVec = struct {
	widen  func(dst []uint16, src []uint8) int
	rowSum func(row, ext []uint16, sx int) int
	step   func(out []uint8, acc, add, sub []uint16, d boxDiv) int
}{
	widen:  func([]uint16, []uint8) int { return 0 },
	rowSum: func([]uint16, []uint16, int) int { return 0 },
	step:   func([]uint8, []uint16, []uint16, []uint16, boxDiv) int { return 0 },
}
