package measure

import (
	"fmt"
	"math"
	"slices"

	"github.com/gipsdev/gips"
)

// Overlay draws the outlines of the labels in distinct colours over a grey
// image: a 2D RGB UInt8 image (PNG-ready) of one plane (plane z of a
// volume; z < 0 is the middle plane). The grey plane is scaled linearly
// from its min..max to 0..255 (NaN is black); a pixel is an outline pixel
// when its label is not 0 and one of its four neighbours in the plane
// holds another label (the image border does not count). A label's colour
// depends only on its value, so it is the same in every picture.
func Overlay(image, labels *gips.Image, z int) (*gips.Image, error) {
	if labels == nil {
		return nil, fmt.Errorf("overlay: nil labels: %w", ErrParam)
	}
	out, err := gips.CreateImage(gips.GeometryRgb2d(gips.UInt8, labels.SizeX(), labels.SizeY()))
	if err != nil {
		return nil, fmt.Errorf("overlay: %w", err)
	}
	cal := labels.Calibration()
	out.SetCalibration(gips.Calibration{X: cal.X, Y: cal.Y, Z: 1, Unit: cal.Unit})
	return out, OverlayInto(out, image, labels, z)
}

// OverlayInto is Overlay into dst, a 2D RGB UInt8 image of the labels'
// width and height.
func OverlayInto(dst, image, labels *gips.Image, z int) error {
	if err := overlayInto(dst, image, labels, z); err != nil {
		return fmt.Errorf("overlay: %w", err)
	}
	return nil
}

func overlayInto(out, image, labels *gips.Image, z int) error {
	if image == nil || labels == nil || out == nil {
		return fmt.Errorf("nil image: %w", ErrParam)
	}
	li, err := newLabelImage(labels)
	if err != nil {
		return err
	}
	irow, err := intensityRows(image, li)
	if err != nil {
		return err
	}
	if z < 0 {
		z = li.d / 2
	}
	if z >= li.d {
		return fmt.Errorf("plane %d of a volume of %d planes: %w", z, li.d, ErrParam)
	}
	if g := out.Geometry(); g != gips.GeometryRgb2d(gips.UInt8, li.w, li.h) {
		return fmt.Errorf("output %v: want %v: %w", g, gips.GeometryRgb2d(gips.UInt8, li.w, li.h), ErrParam)
	}
	ch, err := gips.WritablePlanes[uint8](out)
	if err != nil {
		return err
	}
	// The grey plane's range, then the picture, a slab of rows per worker
	// (one worker drew a 4096x4096 overlay in 256 ms).
	n := nSlabs(li.h)
	los, his := make([]float64, n), make([]float64, n)
	err = slabs(li.h, func(k, y0, y1 int) error {
		lo, hi := math.Inf(1), math.Inf(-1)
		fbuf := make([]float64, li.w)
		for y := y0; y < y1; y++ {
			for _, v := range irow(z, y, fbuf) {
				if !math.IsNaN(v) {
					lo, hi = min(lo, v), max(hi, v)
				}
			}
		}
		los[k], his[k] = lo, hi
		return nil
	})
	if err != nil {
		return err
	}
	lo, hi := slices.Min(los), slices.Max(his)
	scale := 0.0
	if hi > lo {
		scale = 255 / (hi - lo)
	}
	return slabs(li.h, func(_, y0, y1 int) error {
		// Rows y-1, y and y+1 of the labels, each read once, row r into
		// buffer r mod 3 (one that rows r-1 and r-2 do not hold).
		var bufs [3][]uint32
		for i := range bufs {
			bufs[i] = make([]uint32, li.w)
		}
		get := func(y int) ([]uint32, error) {
			if y < 0 || y >= li.h {
				return nil, nil
			}
			return li.row(z, y, bufs[y%3])
		}
		up, err := get(y0 - 1)
		if err != nil {
			return err
		}
		cur, err := get(y0)
		if err != nil {
			return err
		}
		fbuf := make([]float64, li.w)
		// The last outline's label and colour: an outline's pixels come
		// in runs of one label, and colour is dear.
		last, lr, lg, lb := uint32(0), uint8(0), uint8(0), uint8(0)
		var down []uint32
		for y := y0; y < y1; y, up, cur = y+1, cur, down {
			if down, err = get(y + 1); err != nil {
				return err
			}
			grey := irow(z, y, fbuf)
			r, g, b := ch[0].Row(y), ch[1].Row(y), ch[2].Row(y)
			for x, l := range cur {
				edge := l != 0 && (x > 0 && cur[x-1] != l || x+1 < li.w && cur[x+1] != l || up != nil && up[x] != l || down != nil && down[x] != l)
				if edge {
					if l != last {
						last = l
						lr, lg, lb = colour(l)
					}
					r[x], g[x], b[x] = lr, lg, lb
					continue
				}
				v := uint8(0)
				if f := (grey[x] - lo) * scale; f > 0 {
					v = uint8(min(f+0.5, 255))
				}
				r[x], g[x], b[x] = v, v, v
			}
		}
		return nil
	})
}

// colour is a bright, saturated colour for a label: hues spread by the
// golden angle, so that neighbouring label numbers differ.
func colour(l uint32) (uint8, uint8, uint8) {
	x := float64(l) * 0.6180339887498949
	h := (x - math.Floor(x)) * 6 // math.Mod(x, 1), exactly (x >= 0), without its loop
	f := h - math.Floor(h)
	q, t := uint8(255*(1-f)+0.5), uint8(255*f+0.5)
	switch int(h) {
	case 0:
		return 255, t, 0
	case 1:
		return q, 255, 0
	case 2:
		return 0, 255, t
	case 3:
		return 0, q, 255
	case 4:
		return t, 0, 255
	}
	return 255, 0, q
}
