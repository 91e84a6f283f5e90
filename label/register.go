package label

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
	"github.com/gipsdev/gips/ops"
)

// The label family's ops: connected components (scipy.ndimage.label,
// skimage.measure.label) and the label-image utilities of scikit-image.

var (
	// inTypes are the images labelling reads: Binary, integers, labels.
	inTypes = []gips.BufferType{gips.Binary, gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32,
		gips.Label8, gips.Label16, gips.Label32}
	// labelTypes are label images given as they are.
	labelTypes = inTypes[1:]
	// outTypes are the types labels can be written as.
	outTypes = []gips.BufferType{gips.Label16, gips.Label32, gips.Label8, gips.UInt8, gips.UInt16, gips.UInt32, gips.Int16, gips.Int32}
)

// autoOutput is the registry's output type for labels: the output is
// allocated before the labelling runs, so it follows from the geometry:
// Label16 when the image has at most 65535 pixels (no labelling can
// overflow it), Label32 otherwise. (The Go function Components promotes
// after counting instead.)
func autoOutput(g gips.Geometry) gips.BufferType {
	if g.Pixels() <= 65535 {
		return gips.Label16
	}
	return gips.Label32
}

func init() {
	sameType := ops.SameAsFirst
	ops.Register(&ops.Op{
		Name: "label.components",
		Doc: "Connected components, pixel for pixel scipy.ndimage.label / skimage.measure.label: a Binary image's nonzero pixels are the foreground; " +
			"in any other integer image neighbours join only when their values are equal (0 is background). Labels 1..n in the raster order of each " +
			"component's first pixel (x fastest, then y, then z); channels and time points are labelled separately, numbering on. " +
			"Output: the type named by output, or auto: Label16 for an image of at most 65535 pixels, Label32 otherwise " +
			"(the Go function label.Components gives Label16 and promotes to Label32 past 65535 components); an output too small for the count is an error. " +
			"The count n is the output's maximum, or label.count without an output.",
		Inputs: []ops.Input{{Name: "image", Types: inTypes}},
		Params: []ops.Param{
			ops.ConnectivityParam(0),
			{Name: "output", Doc: "output buffer type, or auto (Label16 up to 65535 pixels, else Label32)", Kind: ops.Enum, Default: "auto",
				Choices: append([]string{"auto"}, ops.TypeNames(outTypes)...)},
		},
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			if p.String("output") == "auto" {
				return in[0].WithType(autoOutput(in[0])), nil
			}
			t, err := ops.Output(p, in[0].Type, nil)
			return in[0].WithType(t), err
		},
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			c, err := ops.ConnectivityOf(p, in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			_, err = ComponentsInto(out, in[0], c)
			return ops.ImageResult(out), err
		},
	})
	ops.Register(&ops.Op{
		Name:    "label.count",
		Doc:     "The number of connected components label.components finds (same rules), without writing labels.",
		Inputs:  []ops.Input{{Name: "image", Types: inTypes}},
		Params:  []ops.Param{ops.ConnectivityParam(0)},
		Returns: ops.ResultNumber,
		Run: func(in []*gips.Image, _ *gips.Image, p ops.Values) (ops.Result, error) {
			c, err := ops.ConnectivityOf(p, in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			n, err := Count(in[0], c)
			return ops.NumberResult(float64(n)), err
		},
	})
	ops.Register(&ops.Op{
		Name: "label.relabelSequential",
		Doc: "Renumbers a label image's labels 1..n in increasing order of value, 0 staying 0: skimage.segmentation.relabel_sequential's first result. " +
			"Output of the input's type; negative labels are an error.",
		Inputs:  []ops.Input{{Name: "labels", Types: labelTypes}},
		Output:  sameType,
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, _ ops.Values) (ops.Result, error) {
			_, err := RelabelSequentialInto(out, in[0])
			return ops.ImageResult(out), err
		},
	})
	ops.Register(&ops.Op{
		Name: "label.labelSizes",
		Doc: "Pixels per label: element v is the number of pixels of value v, from 0 (background) to the largest label, as numpy.bincount(labels.ravel()). " +
			"Negative labels, and labels above both 2^24 and 4 per pixel (relabel those first), are an error.",
		Inputs:  []ops.Input{{Name: "labels", Types: labelTypes}},
		Returns: ops.ResultVector,
		Run: func(in []*gips.Image, _ *gips.Image, _ ops.Values) (ops.Result, error) {
			s, err := LabelSizes(in[0])
			defer scratch.Put(&bufs, s) // copied into the vector
			return vectorOf(s, err)
		},
	})
	ops.Register(&ops.Op{
		Name: "label.removeSmallObjects",
		Doc: "skimage.morphology.remove_small_objects: a Binary image is labelled at connectivity (default 1, faces, as scikit-image) and components of fewer " +
			"than min_size pixels are cleared; any other integer image is taken as labels as they are (connectivity unused) and labels of fewer than min_size " +
			"pixels become 0. Output of the input's type (Binary: 0/1).",
		Inputs: []ops.Input{{Name: "image", Types: inTypes}},
		Params: []ops.Param{
			{Name: "min_size", Doc: "smallest object kept, in pixels", Kind: ops.Int, Default: 64, Min: ops.Bound(0)},
			ops.ConnectivityParam(1),
		},
		Output:  sameType,
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			c, err := ops.ConnectivityOf(p, in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), RemoveSmallObjectsInto(out, in[0], p.Int("min_size"), c)
		},
	})
	ops.Register(&ops.Op{
		Name: "label.clearBorder",
		Doc: "skimage.segmentation.clear_border: objects (full-connectivity components of nonzero Binary pixels, or of equal values) touching the border band " +
			"of buffer_size+1 pixels along x, y (and z) are set to bgval; when bgval is not 0 and background lies in the band, all background becomes bgval, as there. " +
			"Output of the input's type (bgval saturated; Binary: 1 for nonzero); channels and time points separately.",
		Inputs: []ops.Input{{Name: "image", Types: inTypes}},
		Params: []ops.Param{
			{Name: "buffer_size", Doc: "width of the band beyond the outermost pixels", Kind: ops.Int, Default: 0, Min: ops.Bound(0)},
			{Name: "bgval", Doc: "value of cleared pixels", Kind: ops.Float, Default: 0.0},
		},
		Output:  sameType,
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			return ops.ImageResult(out), ClearBorderInto(out, in[0], p.Int("buffer_size"), p.Float("bgval"))
		},
	})
}

// vectorOf is a list of counts or indices as an op's vector result, in
// memory from the scratch pool that the result's Release gives back (made
// fresh, half a million labels' sizes were 4 MB of page faults a call).
func vectorOf(s []int64, err error) (ops.Result, error) {
	if err != nil {
		return ops.Result{}, err
	}
	v := scratch.Get[float64](&bufs, len(s))
	for i, c := range s {
		v[i] = float64(c)
	}
	return pooledVector(v), nil
}

// pooledVector is v, a buffer from bufs, as an op's vector result whose
// Release gives it back (the C API calls it once numpy has the values).
func pooledVector(v []float64) ops.Result {
	r := ops.VectorResult(v)
	r.Release = func() { scratch.Put(&bufs, v) }
	return r
}
