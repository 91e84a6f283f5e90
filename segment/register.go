package segment

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The segment family's ops: scikit-image's seeded watershed, without and
// with a mask (an op's inputs are fixed, so the mask is a second op).

var (
	imageTypes  = append(append([]gips.BufferType(nil), ops.Numeric...), gips.Binary, gips.Label8, gips.Label16, gips.Label32)
	markerTypes = []gips.BufferType{gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32, gips.Label8, gips.Label16, gips.Label32}
	maskTypes   = []gips.BufferType{gips.Binary, gips.UInt8}
)

const watershedDoc = "Seeded watershed, skimage.segmentation.watershed (scikit-image 0.19) pixel for pixel: pixels leave a queue by value, then age " +
	"(markers first, all of age 0; scikit-image's binary heap, whose layout breaks ties between markers), each unlabelled neighbour in scikit-image's " +
	"order takes the label of the pixel that reached it, when queued (default) or when it leaves the queue (compactness > 0 or watershed_line). " +
	"image: any type, compared as float64; markers: integer labels, 0 none. Output: the markers' type (0 where unreached%s and on watershed lines). " +
	"Volumes in 3D; channels and time points separately."

func params() []ops.Param {
	return []ops.Param{
		ops.ConnectivityParam(1),
		{Name: "compactness", Doc: "weight of the Euclidean distance (pixels) to the marker added to each priority; 0: plain watershed", Kind: ops.Float, Default: 0.0, Min: ops.Bound(0)},
		{Name: "watershed_line", Doc: "keep a one-pixel line of 0 between regions", Kind: ops.Bool, Default: false},
		{Name: "exact_ties", Doc: "true: markers of equal value leave the queue in scikit-image's heap order (identical output); false: in raster order, " +
			"so that an 8- or 16-bit image in the plain mode floods in O(1) per pixel (pixels between markers of equal value may go to the other one)",
			Kind: ops.Bool, Default: true},
	}
}

func output(in []gips.Geometry, _ ops.Values) (gips.Geometry, error) {
	names := []string{"image", "markers", "mask"}
	for i := 1; i < len(in); i++ {
		if !sameSizes(in[i], in[0]) {
			return gips.Geometry{}, fmt.Errorf("input %s %v: want the image's sizes %v: %w", names[i], in[i], in[0], ops.ErrInput)
		}
	}
	return in[1], nil
}

func run(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
	c, err := ops.ConnectivityOf(p, in[0].Geometry())
	if err != nil {
		return ops.Result{}, err
	}
	opts := []Option{WithConnectivity(c), WithCompactness(p.Float("compactness")), WithWatershedLine(p.Bool("watershed_line")),
		WithExactTies(p.Bool("exact_ties"))}
	if len(in) == 3 {
		opts = append(opts, WithMask(in[2]))
	}
	return ops.ImageResult(out), WatershedInto(out, in[0], in[1], opts...)
}

func init() {
	ops.Register(&ops.Op{
		Name:    "segment.watershed",
		Doc:     fmt.Sprintf(watershedDoc, "") + " segment.watershedMasked takes a mask.",
		Inputs:  []ops.Input{{Name: "image", Types: imageTypes}, {Name: "markers", Types: markerTypes}},
		Params:  params(),
		Output:  output,
		InPlace: true,
		Run:     run,
	})
	ops.Register(&ops.Op{
		Name:    "segment.watershedMasked",
		Doc:     fmt.Sprintf(watershedDoc, ", outside the mask") + " Only the mask's nonzero pixels are flooded; markers outside it are dropped.",
		Inputs:  []ops.Input{{Name: "image", Types: imageTypes}, {Name: "markers", Types: markerTypes}, {Name: "mask", Types: maskTypes}},
		Params:  params(),
		Output:  output,
		InPlace: true,
		Run:     run,
	})
	ops.Register(&ops.Op{
		Name: "segment.separate",
		Doc: "Splits touching objects of a binary image (nonzero is foreground), the reference SDK's watershed binary separation: exact distance map " +
			"(calibrated), its h-maxima as seeds, watershed of the negated distance inside the image. Components too small for a seed are labelled whole, " +
			"so the labels' union is the input. Output Label32, 1..n.",
		Inputs: []ops.Input{{Name: "image", Types: maskTypes}},
		Params: []ops.Param{
			{Name: "h", Doc: "the depth of neck that separates two objects, in the calibration's units (pixels by default); larger merges more", Kind: ops.Float, Default: 1.0, Min: ops.Bound(0)},
			ops.ConnectivityParam(1),
		},
		Output: ops.OfType(gips.Label32),
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			c, err := ops.ConnectivityOf(p, in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			res, err := Separate(in[0], p.Float("h"), c)
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), gips.CopyImg(res, out)
		},
	})
}
