package threshold

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// Hysteresis is skimage.filters.apply_hysteresis_threshold(a, low, high):
// a Binary image with 1 on every pixel v > low that is connected, through
// pixels v > low, to a pixel v > high. Both comparisons are strict; low
// above high is lowered to high, as there. conn says which pixels touch
// (gips.Conn4/Conn6, faces, is scikit-image's: it labels with
// scipy.ndimage.label's default structure; gips.Full is 8 or 26
// neighbours). A volume is connected across z; channels and time points
// are thresholded separately.
func Hysteresis(img *gips.Image, low, high float64, conn gips.Connectivity) (*gips.Image, error) {
	out, err := newBinary(img)
	if err != nil {
		return nil, err
	}
	return out, HysteresisInto(out, img, low, high, conn)
}

// HysteresisInto is Hysteresis into a caller's Binary or UInt8 image of
// src's sizes. dst may be src (a UInt8 or Binary image thresholded in
// place).
func HysteresisInto(dst, src *gips.Image, low, high float64, conn gips.Connectivity) error {
	if math.IsNaN(low) || math.IsNaN(high) {
		return fmt.Errorf("hysteresis: low %v high %v: %w", low, high, ErrParam)
	}
	ndim := 2
	if src.Geometry().Volume {
		ndim = 3
	}
	near, err := conn.Offsets(ndim)
	if err != nil {
		return fmt.Errorf("hysteresis: %w", err)
	}
	if err := checkBinaryDst("hysteresis", dst, src); err != nil {
		return err
	}
	low = min(low, high)
	// Each worker grows one volume at a time in a framed copy of it.
	g := src.Geometry()
	framed := (g.SizeX + 2) * (g.SizeY + 2) * (g.SizeZ + 2)
	if err := gips.CheckAlloc("hysteresis: framed volumes", framed, min(par.Workers(), g.SizeC*g.SizeT)); err != nil {
		return err
	}
	// The strong pixels first (dst may be src), then the weak mask in dst,
	// then growth from the strong.
	strong, err := Above(src, high)
	if err != nil {
		return err
	}
	if err := RangeInto(dst, src, math.Nextafter(low, math.Inf(1)), math.Inf(1)); err != nil {
		return err
	}
	d, _ := gips.Planes[uint8](dst)
	s, _ := gips.Planes[uint8](strong)
	nz := g.SizeZ
	par.For(len(d)/nz, 1, func(lo, hi int) {
		for v := lo; v < hi; v++ {
			grow(d[v*nz:(v+1)*nz], s[v*nz:(v+1)*nz], near)
		}
	})
	return nil
}

// grow turns the weak mask m (0/1) of one volume into the pixels connected
// to a strong one. It copies the mask into a block with a one-pixel frame
// of zeros (so that neighbours need no bounds checks, whatever the planes'
// layout), marks the strong pixels 2 and floods from them through the 1s,
// then writes back 1 for every 2 and 0 elsewhere.
func grow(m, strong []gips.Plane[uint8], near [][3]int) {
	w, h, nz := m[0].Width, m[0].Height, len(m)
	zp := 0
	if nz > 1 {
		zp = 1
	}
	sx, sy := w+2, h+2
	plane := sx * sy
	buf := make([]uint8, plane*(nz+2*zp))
	at := func(x, y, z int) int { return (z+zp)*plane + (y+1)*sx + x + 1 }
	var stack []int
	for z := range m {
		for y := 0; y < h; y++ {
			row, sr := m[z].Row(y), strong[z].Row(y)
			o := at(0, y, z)
			b := buf[o : o+w]
			copy(b, row)
			for x, v := range sr[:w] {
				if v != 0 {
					b[x] = 2
					stack = append(stack, o+x)
				}
			}
		}
	}
	var offs []int
	for _, d := range near {
		if d[2] != 0 && zp == 0 {
			continue // one plane: no neighbour across z, and no frame there
		}
		offs = append(offs, d[0]+d[1]*sx+d[2]*plane)
	}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, d := range offs {
			if q := p + d; buf[q] == 1 {
				buf[q] = 2
				stack = append(stack, q)
			}
		}
	}
	for z := range m {
		for y := 0; y < h; y++ {
			row := m[z].Row(y)
			o := at(0, y, z)
			for x, v := range buf[o : o+w] {
				row[x] = v >> 1
			}
		}
	}
}
