package transform

import "github.com/gipsdev/gips"

// The halving of a 2D uint8 image in grid mode at order 1 (OpenCV's
// resize by 1/2, the bench's zoom_half) without the job: output pixel
// (x, y) reads input (2x+0.5, 2y+0.5), so its window is the 2x2 block at
// (2x, 2y) with weights 1/2 per axis, inside the input for every output
// pixel and every mode (no border fold, no cval). That is the integer
// path's halving pattern (zoomint.go) with all weights equal: o = (a + b
// + c + d + 2) >> 2, scipy's value bit for bit. Going straight to
// halveRowU8 skips what the job builds per call for it - two axis tables
// of 2048 windows, their compact forms, and per-band scratch rows, about
// 0.7 MB of fresh memory whose page faults and clearing cost a quarter of
// the kernel's time.

// zoomHalf runs the halving when the call is one (see above) and reports
// whether it did.
func zoomHalf(dst, src *gips.Image, c config) (bool, error) {
	gi, gd := src.Geometry(), dst.Geometry()
	if c.order != 1 || !c.gridMode || gi.Volume || gi.Type != gips.UInt8 || gd.Type != gips.UInt8 ||
		gi.SizeX != 2*gd.SizeX || gi.SizeY != 2*gd.SizeY {
		return false, nil
	}
	sp, err := gips.Planes[uint8](src)
	if err != nil {
		return true, err
	}
	dp, err := gips.WritablePlanes[uint8](dst)
	if err != nil {
		return true, err
	}
	// Each output row reads two input rows and writes one (bytes: bands
	// sizes the work as par.Grain does).
	return true, bands(len(dp), gd.SizeY, 2*gi.SizeX+gd.SizeX, func(p, y0, y1 int) {
		s, d := sp[p], dp[p]
		for y := y0; y < y1; y++ {
			halveRowU8(d.Row(y), s.Row(2*y), s.Row(2*y+1), 0, 1, 1, 1, 2)
		}
	})
}
