package transform

import "github.com/gipsdev/gips"

// The halving of a 2D image in grid mode at order 1 (OpenCV's resize by
// 1/2, the bench's zoom_half) without the job, for uint8, int16 and
// float32 in and out: output pixel (x, y) reads input (2x+0.5, 2y+0.5), so
// its window is the 2x2 block at (2x, 2y) with weights 1/2 per axis,
// inside the input for every output pixel and every mode (no border fold,
// no cval). Each of scipy's terms (v·1/2)·1/2 is v/4 exactly, and so:
//   - uint8: the integer path's halving pattern (zoomint.go) with all
//     weights equal, (a + b + c + d + 2) >> 2;
//   - int16: the sum a+b+c+d (exact) over 4, rounded half away from zero
//     (zoomint16.go);
//   - float32: ((((0 + a) + b) + c) + d)·1/4 in float64, then to float32:
//     scipy adds the quarters in that order, and a sum of quarters rounds
//     as the sum of the values over 4 (a power of two, and float32 values
//     are far from float64's subnormals and overflow).
//
// Each is scipy's value bit for bit. Going straight to the row kernels
// skips what the job builds per call - two axis tables of 2048 windows,
// their compact forms, and per-band scratch rows, about 0.7 MB of fresh
// memory whose page faults and clearing cost a quarter of the uint8
// kernel's time - and the general order-1 row (1024² float32: 0.9 ms on
// it, 8x OpenCV).

// halveF32 and halveI16 are vector versions of halveRowF32's and
// halveRowI16's loops (zoomhalf_simd.go): they do a leading multiple of
// 16 outputs and return how many; TestZoomHalfSIMDMatchesGo compares them.
var (
	halveF32 func(o, r0, r1 []float32) int
	halveI16 func(o, r0, r1 []int16) int
)

// zoomHalf runs the halving when the call is one (see above) and reports
// whether it did.
func zoomHalf(dst, src *gips.Image, c config) (bool, error) {
	gi, gd := src.Geometry(), dst.Geometry()
	if c.order != 1 || !c.gridMode || gi.Volume || gi.Type != gd.Type ||
		gi.SizeX != 2*gd.SizeX || gi.SizeY != 2*gd.SizeY {
		return false, nil
	}
	switch gi.Type {
	case gips.UInt8:
		return true, halvePlanes(dst, src, func(o, r0, r1 []uint8) { halveRowU8(o, r0, r1, 0, 1, 1, 1, 2) })
	case gips.Int16:
		return true, halvePlanes(dst, src, halveRowI16)
	case gips.Real32:
		return true, halvePlanes(dst, src, halveRowF32)
	}
	return false, nil
}

// halvePlanes runs row on every output row of every plane: o from the
// input rows 2y and 2y+1.
func halvePlanes[S gips.Pixel](dst, src *gips.Image, row func(o, r0, r1 []S)) error {
	sp, err := gips.Planes[S](src)
	if err != nil {
		return err
	}
	dp, err := gips.WritablePlanes[S](dst)
	if err != nil {
		return err
	}
	gi, gd := src.Geometry(), dst.Geometry()
	size := gi.Type.ItemSize()
	// Each output row reads two input rows and writes one (bytes: bands
	// sizes the work as par.Grain does).
	return bands(len(dp), gd.SizeY, (2*gi.SizeX+gd.SizeX)*size, func(p, y0, y1 int) {
		s, d := sp[p], dp[p]
		for y := y0; y < y1; y++ {
			row(d.Row(y), s.Row(2*y), s.Row(2*y+1))
		}
	})
}

// halveRowI16 is an output row of the halving for int16: o[x] =
// (r0[2x] + r0[2x+1] + r1[2x] + r1[2x+1]) / 4 rounded half away from zero.
func halveRowI16(o, r0, r1 []int16) {
	x := 0
	if halveI16 != nil {
		x = halveI16(o, r0, r1)
	}
	r0, r1 = r0[:2*len(o)], r1[:2*len(o)]
	for ; x < len(o); x++ {
		k := 2 * x
		o[x] = roundI16(int32(r0[k])+int32(r0[k+1])+int32(r1[k])+int32(r1[k+1]), 2)
	}
}

// halveRowF32 is an output row of the halving for float32: o[x] =
// ((((0 + r0[2x]) + r0[2x+1]) + r1[2x]) + r1[2x+1])·1/4 in float64.
func halveRowF32(o, r0, r1 []float32) {
	x := 0
	if halveF32 != nil {
		x = halveF32(o, r0, r1)
	}
	r0, r1 = r0[:2*len(o)], r1[:2*len(o)]
	for ; x < len(o); x++ {
		k := 2 * x
		s := 0.0
		s += float64(r0[k])
		s += float64(r0[k+1])
		s += float64(r1[k])
		s += float64(r1[k+1])
		o[x] = float32(s * 0.25)
	}
}
