package segment

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/arith"
	"github.com/gipsdev/gips/distance"
	"github.com/gipsdev/gips/label"
	"github.com/gipsdev/gips/morpho"
)

// Separate splits the touching objects of a binary image (any nonzero
// pixel is foreground), the reference SDK's watershed binary separation:
// the exact Euclidean distance map (Real64, the image's calibration as
// sampling), its h-maxima (morpho.HMaxima, height h in the calibration's
// units, neighbours by conn) labelled as seeds (label.Components), and the
// watershed of the negated distance from those seeds inside the image
// (Watershed with WithMask and WithConnectivity(conn)). Two round objects
// that touch through a neck narrower than their radii come out as two
// labels; h sets how deep a neck must be (a larger h merges more).
//
// Every foreground pixel gets a label: a component too small to hold an
// h-maximum (its largest distance below h) is not reached by any seed and
// is labelled whole, after the seeded ones, so that the labels' union is
// the input. Output Label32, 1..n; channels and time points separately.
func Separate(img *gips.Image, h float64, conn gips.Connectivity) (*gips.Image, error) {
	if !(h > 0) {
		return nil, fmt.Errorf("separate: h %v: want > 0: %w", h, gips.ErrParam)
	}
	g := img.Geometry()
	if g.Type != gips.Binary && g.Type != gips.UInt8 {
		return nil, fmt.Errorf("separate: %v image: want Binary or UInt8 (nonzero is foreground): %w", g.Type, gips.ErrBufferType)
	}
	ndim := 2
	if g.Volume {
		ndim = 3
	}
	if _, err := conn.Resolve(ndim); err != nil {
		return nil, fmt.Errorf("separate: %w", err)
	}
	dist, err := distance.EDT(img, distance.WithOutput(gips.Real64))
	if err != nil {
		return nil, fmt.Errorf("separate: %w", err)
	}
	seeds, err := morpho.HMaxima(dist, h, morpho.ConnectivitySE(conn, ndim))
	if err != nil {
		return nil, fmt.Errorf("separate: %w", err)
	}
	markers, n, err := label.Components(seeds, conn, label.WithOutput(gips.Label32))
	if err != nil {
		return nil, fmt.Errorf("separate: %w", err)
	}
	depth, err := arith.MultiplyScalar(dist, -1)
	if err != nil {
		return nil, err
	}
	out, err := Watershed(depth, markers, WithMask(img), WithConnectivity(conn))
	if err != nil {
		return nil, fmt.Errorf("separate: %w", err)
	}
	return out, labelLeftovers(out, img, n, conn)
}

// labelLeftovers gives the foreground pixels that no seed reached (whole
// components without an h-maximum) labels n+1, n+2, ... by component.
func labelLeftovers(out, img *gips.Image, n int, conn gips.Connectivity) error {
	left, err := gips.CreateLike(img, gips.Binary)
	if err != nil {
		return err
	}
	o, _ := gips.WritablePlanes[uint32](out)
	m, _ := gips.Planes[uint8](img)
	l, _ := gips.WritablePlanes[uint8](left)
	any := false
	for p := range o {
		for y := range o[p].Height {
			for x, v := range m[p].Row(y) {
				if v != 0 && o[p].Row(y)[x] == 0 {
					l[p].Row(y)[x] = 1
					any = true
				}
			}
		}
	}
	if !any {
		return nil
	}
	extra, _, err := label.Components(left, conn, label.WithOutput(gips.Label32))
	if err != nil {
		return err
	}
	e, _ := gips.Planes[uint32](extra)
	for p := range o {
		for y := range o[p].Height {
			row := o[p].Row(y)
			for x, v := range e[p].Row(y) {
				if v != 0 {
					row[x] = uint32(n) + v
				}
			}
		}
	}
	return nil
}
