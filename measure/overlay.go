package measure

import (
	"fmt"
	"math"

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
	lo, hi := math.Inf(1), math.Inf(-1)
	fbuf := make([]float64, li.w)
	for y := range li.h {
		for _, v := range irow(z, y, fbuf) {
			if !math.IsNaN(v) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	scale := 0.0
	if hi > lo {
		scale = 255 / (hi - lo)
	}
	var rows [3][]uint32
	for i := range rows {
		rows[i] = make([]uint32, li.w)
	}
	get := func(i, y int) ([]uint32, error) {
		if y < 0 || y >= li.h {
			return nil, nil
		}
		return li.row(z, y, rows[i])
	}
	for y := range li.h {
		up, err := get(0, y-1)
		if err != nil {
			return err
		}
		cur, _ := get(1, y)
		down, _ := get(2, y+1)
		grey := irow(z, y, fbuf)
		r, g, b := ch[0].Row(y), ch[1].Row(y), ch[2].Row(y)
		for x, l := range cur {
			edge := l != 0 && (x > 0 && cur[x-1] != l || x+1 < li.w && cur[x+1] != l || up != nil && up[x] != l || down != nil && down[x] != l)
			if edge {
				r[x], g[x], b[x] = colour(l)
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
}

// colour is a bright, saturated colour for a label: hues spread by the
// golden angle, so that neighbouring label numbers differ.
func colour(l uint32) (uint8, uint8, uint8) {
	h := math.Mod(float64(l)*0.6180339887498949, 1) * 6
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
