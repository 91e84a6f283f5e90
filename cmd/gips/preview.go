package main

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// Previews: the three orthogonal mid-slices (xy, xz, yz) of a few volumes
// side by side, as 8-bit grey images for PNG.

// to8bit maps a volume onto UInt8 for display: its own min..max onto
// 0..255 (a Binary mask gives 0 and 255).
func to8bit(vol *gips.Image) (*gips.Image, error) {
	mode := "minmax"
	if vol.Type() == gips.Binary {
		mode = "scale"
	}
	res, err := ops.Call("util.convertImg", []*gips.Image{vol}, nil, map[string]any{"output": "UInt8", "scaling": mode})
	if err != nil {
		return nil, err
	}
	return res.Image, nil
}

// midSlice copies the middle slice across axis (0 = x: a yz slice, 1 = y:
// xz, 2 = z: xy) of an 8-bit volume into rows of a w by h raster.
func midSlice(vol *gips.Image, axis int) (pix []uint8, w, h int, err error) {
	ps, err := gips.Planes[uint8](vol)
	if err != nil {
		return nil, 0, 0, err
	}
	sx, sy, sz := vol.SizeX(), vol.SizeY(), vol.SizeZ()
	switch axis {
	case 2: // xy at z/2
		w, h = sx, sy
		for y := range sy {
			pix = append(pix, ps[sz/2].Row(y)...)
		}
	case 1: // xz at y/2, z down
		w, h = sx, sz
		for z := range sz {
			pix = append(pix, ps[z].Row(sy/2)...)
		}
	default: // yz at x/2, z down
		w, h = sy, sz
		for z := range sz {
			for y := range sy {
				pix = append(pix, ps[z].At(sx/2, y))
			}
		}
	}
	return pix, w, h, nil
}

// panel places the same mid-slice of each volume side by side with a
// 4-pixel grey gutter, as a new 2D UInt8 image.
func panel(vols []*gips.Image, axis int) (*gips.Image, error) {
	const gap = 4
	var slices [][]uint8
	var w, h int
	for _, v := range vols {
		pix, sw, sh, err := midSlice(v, axis)
		if err != nil {
			return nil, err
		}
		slices, w, h = append(slices, pix), sw, sh
	}
	n := len(vols)
	out, err := gips.CreateImage(gips.Geometry2d(gips.UInt8, n*w+(n-1)*gap, h))
	if err != nil {
		return nil, err
	}
	ps, err := gips.WritablePlanes[uint8](out)
	if err != nil {
		return nil, err
	}
	for y := range h {
		row := ps[0].Row(y)
		for i := range row {
			row[i] = 128
		}
		for k, pix := range slices {
			copy(row[k*(w+gap):], pix[y*w:(y+1)*w])
		}
	}
	return out, nil
}

var axisNames = [3]string{"yz", "xz", "xy"}

func previewName(axis int) string { return fmt.Sprintf("preview_%s.png", axisNames[axis]) }
