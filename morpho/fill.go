package morpho

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// FillHoles is scipy.ndimage.binary_fill_holes(img, structure=se): the
// true pixels, and every false pixel that the background beyond the border
// cannot reach by steps of the structure through false pixels. se is
// usually Cross(ndim) (scipy's default: holes are filled unless they
// touch the outside by a face). Input one byte per pixel (any nonzero byte
// true), output Binary.
func FillHoles(img *gips.Image, se SE) (*gips.Image, error) {
	out, err := gips.CreateImage(img.Geometry().WithType(gips.Binary))
	if err != nil {
		return nil, fmt.Errorf("fillHoles: %w", err)
	}
	out.SetCalibration(img.Calibration())
	return out, FillHolesInto(out, img, se)
}

// FillHolesInto is FillHoles into a Binary image of src's sizes; dst may
// be src.
func FillHolesInto(dst, src *gips.Image, se SE) error {
	if err := se.check("fillHoles", ndim(src.Geometry())); err != nil {
		return err
	}
	return binaryVolumes("fillHoles", dst, src, func(res, vol []uint8, d nbhd.Dims) error {
		// The span flood for the 2D cross, whose background the flood
		// often need not visit all of (random bits do not percolate
		// along faces in 2D: 11 ms against 110 ms of CPU for 4096²,
		// natural blobs 50 against 120 ms); the runs for every structure
		// they take in 3D (a maze 3.1-3.9 s -> 1.3-1.5 s, blobs 1.8-2.0
		// -> 0.6-0.8 s) and the others in 2D (the graph flood visits
		// every pixel through its neighbour list).
		cross, z := crossFaces(se.Offsets())
		if links, ok := runLinks(se.Offsets()); ok && !(cross && !z) {
			if done, err := fillRuns(res, vol, d, links); done || err != nil {
				return err
			}
		}
		if cross {
			fillSpans(res, vol, d, z)
			return nil
		}
		fillHoles(res, vol, newGraph(d, se.Offsets()))
		return nil
	})
}

// fillHoles is scipy's definition, a dilation of nothing repeated until
// it stops, restricted to the background, with the border true: a
// background pixel p is reached when p - o leaves the volume or is
// reached, for an offset o of the structure. A breadth-first flood from
// the pixels next to the outside computes it in one pass.
func fillHoles(res, vol []uint8, g graph) {
	for i := range res {
		res[i] = 1 // filled unless reached
	}
	var queue []int
	for p, v := range vol {
		if v == 0 && g.leaves(p, -1) {
			res[p] = 0
			queue = append(queue, p)
		}
	}
	for len(queue) > 0 {
		p := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		g.next(p, 1, func(q int) {
			if vol[q] == 0 && res[q] == 1 {
				res[q] = 0
				queue = append(queue, q)
			}
		})
	}
}
