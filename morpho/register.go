package morpho

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The morpho family's ops. Grey ops take a box (size) or a footprint
// array; binary ops a structure array (scipy's names), Cross by default.

// FootprintParams are size (a box, x first) and footprint (an array that
// replaces the box when given): the neighbourhood parameters of the grey
// ops and of filter.median and filter.rank.
func FootprintParams() []ops.Param {
	return []ops.Param{
		{Name: "size", Doc: "box size in pixels, one integer or one per axis (used when footprint is not given)", Kind: ops.Ints, Default: []int{3}, Min: ops.Bound(1), Max: ops.Bound(1 << 30)},
		{Name: "footprint", Doc: "flat footprint, a 2D or 3D array whose nonzero elements are the neighbourhood (centre at size//2 along each axis, as scipy); " +
			"a 2D footprint on a volume applies plane by plane. Footprints as skimage makes them: gips.footprints.disk, ball, diamond, octahedron, cross, box", Kind: ops.Array, Optional: true},
	}
}

// FootprintOf reads FootprintParams for an image of geometry g.
func FootprintOf(p ops.Values, g gips.Geometry) (SE, error) {
	if !p.IsNone("footprint") {
		s := FromImage(p.Array("footprint"))
		if s.err != nil {
			return s, fmt.Errorf("parameter footprint: %w", s.err)
		}
		return s, nil
	}
	n, err := ops.PerAxisInts3(p, "size", g)
	if err != nil {
		return SE{}, err
	}
	return Box(n[0], n[1], n[2]), nil
}

// FootprintHalo is the halo of a footprint or box given by FootprintParams
// on an image of geometry g, times k (2 for an opening or a closing), at
// most the image's size.
func FootprintHalo(g gips.Geometry, p ops.Values, k int) [3]int {
	var s [3]int
	if !p.IsNone("footprint") {
		g := p.Array("footprint").Geometry()
		s = [3]int{g.SizeX, g.SizeY, g.SizeZ}
	} else {
		s = ops.Axes3(p.Ints("size"))
	}
	var h [3]int
	size := [3]int{g.SizeX, g.SizeY, g.SizeZ}
	for a, n := range s {
		h[a] = min(k*max(n/2, n-1-n/2), size[a])
	}
	if !g.Volume {
		h[2] = 0
	}
	return h
}

func structureOf(p ops.Values, g gips.Geometry) (SE, error) {
	if p.IsNone("structure") {
		return Cross(ndim(g)), nil
	}
	s := FromImage(p.Array("structure"))
	if s.err != nil {
		return s, fmt.Errorf("parameter structure: %w", s.err)
	}
	return s, nil
}

func init() {
	greyDocs := [...]string{
		"Grey erosion, scipy.ndimage.grey_erosion: the minimum over the footprint (or size box) centred on each pixel (centre size//2).",
		"Grey dilation, scipy.ndimage.grey_dilation: the maximum over the footprint reflected through its centre (scipy's rule, also for even sizes).",
		"Grey opening, scipy.ndimage.grey_opening: the dilation of the erosion.",
		"Grey closing, scipy.ndimage.grey_closing: the erosion of the dilation.",
		"White top-hat, scipy.ndimage.white_tophat: the image minus its opening (integers saturate).",
		"Black top-hat, scipy.ndimage.black_tophat: the closing minus the image (integers saturate).",
		"Morphological gradient, scipy.ndimage.morphological_gradient: the dilation minus the erosion (integers saturate).",
	}
	greyInto := [...]func(dst, src *gips.Image, se SE, opts ...Option) error{
		ErodeInto, DilateInto, OpeningInto, ClosingInto, WhiteTophatInto, BlackTophatInto, GradientInto}
	for i, name := range greyNames {
		into, twice := greyInto[i], 1
		if greyOp(i) >= opOpening {
			twice = 2
		}
		ops.Register(&ops.Op{
			Name: "morpho." + name,
			Doc: greyDocs[i] + " Output the input's type; boxes cost O(1) per pixel whatever the size, other footprints O(lines of the footprint). " +
				"2D planes or volumes, channels and time points alone. Border: mode and cval as scipy (cval truncated toward zero and clamped to the type).",
			Inputs: []ops.Input{{Name: "image", Types: ops.Numeric}},
			Params: append(FootprintParams(), ops.ModeParams()...),
			Output: ops.SameAsFirst,
			Halo:   func(in []gips.Geometry, p ops.Values) [3]int { return FootprintHalo(in[0], p, twice) },
			// The input is copied volume by volume before its result is
			// written, so the output may be the input.
			InPlace: true,
			Local:   true,
			Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
				se, err := FootprintOf(p, in[0].Geometry())
				if err != nil {
					return ops.Result{}, err
				}
				m, cval, err := ops.Border(p)
				if err != nil {
					return ops.Result{}, err
				}
				return ops.ImageResult(out), into(out, in[0], se, WithMode(m), WithCval(cval))
			},
		})
	}

	binDocs := [...]string{
		"Binary erosion, scipy.ndimage.binary_erosion: true where every pixel under the structure is true.",
		"Binary dilation, scipy.ndimage.binary_dilation: true where any pixel under the structure reflected through its centre is true.",
		"Binary opening, scipy.ndimage.binary_opening: iterations erosions, then as many dilations.",
		"Binary closing, scipy.ndimage.binary_closing: iterations dilations, then as many erosions.",
	}
	binInto := [...]func(dst, src *gips.Image, se SE, opts ...BinaryOption) error{
		BinaryErodeInto, BinaryDilateInto, BinaryOpeningInto, BinaryClosingInto}
	for i, name := range binNames {
		into := binInto[i]
		ops.Register(&ops.Op{
			Name: "morpho." + name,
			Doc: binDocs[i] + " Input one byte per pixel (any nonzero byte is true), output Binary. " +
				"Pixels beyond the border are border_value (scipy's default 0). 2D planes or volumes, channels and time points alone.",
			Inputs: []ops.Input{{Name: "image", Types: BinaryTypes}},
			Params: []ops.Param{
				{Name: "structure", Doc: "structuring element, a 2D or 3D array (centre at size//2); default: the cross, scipy's generate_binary_structure(ndim, 1)", Kind: ops.Array, Optional: true},
				{Name: "iterations", Doc: "how many times to repeat the op; < 1: until nothing changes", Kind: ops.Int, Default: 1},
				{Name: "border_value", Doc: "value of the pixels beyond the border (0 or 1)", Kind: ops.Int, Default: 0, Min: ops.Bound(0), Max: ops.Bound(1)},
			},
			Output: ops.OfType(gips.Binary),
			// Local with a halo of iterations structure radii (the whole
			// image when iterations < 1: correct, but then chunks gain
			// nothing).
			Local: true,
			Halo: func(in []gips.Geometry, p ops.Values) [3]int {
				r := [3]int{1, 1, 1}
				if !p.IsNone("structure") {
					g := p.Array("structure").Geometry()
					r = [3]int{g.SizeX / 2, g.SizeY / 2, g.SizeZ / 2}
					r = [3]int{max(r[0], g.SizeX-1-r[0]), max(r[1], g.SizeY-1-r[1]), max(r[2], g.SizeZ-1-r[2])}
				}
				n, k := p.Int("iterations"), 1
				if i == int(binOpening) || i == int(binClosing) {
					k = 2
				}
				g := in[0]
				size := [3]int{g.SizeX, g.SizeY, g.SizeZ}
				for a := range r {
					if n < 1 || r[a]*n*k > size[a] {
						r[a] = size[a] // until no change: anything may reach anywhere
					} else {
						r[a] *= n * k
					}
				}
				if !g.Volume {
					r[2] = 0
				}
				return r
			},
			InPlace: true,
			Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
				se, err := structureOf(p, in[0].Geometry())
				if err != nil {
					return ops.Result{}, err
				}
				return ops.ImageResult(out), into(out, in[0], se, WithIterations(p.Int("iterations")), WithBorderValue(p.Int("border_value") == 1))
			},
		})
	}

	whole := func(in []gips.Geometry, _ ops.Values) [3]int { // a flood may cross the whole image
		g := in[0]
		if !g.Volume {
			return [3]int{g.SizeX, g.SizeY, 0}
		}
		return [3]int{g.SizeX, g.SizeY, g.SizeZ}
	}
	ops.Register(&ops.Op{
		Name: "morpho.fillHoles",
		Doc: "Fills holes, scipy.ndimage.binary_fill_holes: the true pixels and every false pixel that the outside cannot reach through false pixels by steps of the structure. " +
			"Input one byte per pixel (any nonzero byte is true), output Binary; 2D planes or volumes, channels and time points alone.",
		Inputs:  []ops.Input{{Name: "image", Types: BinaryTypes}},
		Params:  []ops.Param{{Name: "structure", Doc: "the steps, a 2D or 3D array (centre at size//2); default: the cross, scipy's generate_binary_structure(ndim, 1)", Kind: ops.Array, Optional: true}},
		Output:  ops.OfType(gips.Binary),
		Halo:    whole,
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			se, err := structureOf(p, in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			return ops.ImageResult(out), FillHolesInto(out, in[0], se)
		},
	})
	ops.Register(&ops.Op{
		Name: "morpho.reconstruct",
		Doc: "Morphological reconstruction, skimage.morphology.reconstruction: by dilation, the seed dilated by the footprint again and again, capped by the mask each time, until it stops changing " +
			"(a seed above the mask starts at the mask, where skimage raises); by erosion the dual. Output the seed's type (skimage returns the same values as float64). 2D planes or volumes, channels and time points alone.",
		Inputs: []ops.Input{{Name: "seed", Types: ops.Numeric}, {Name: "mask", Types: ops.Numeric}},
		Params: []ops.Param{
			{Name: "method", Doc: "dilation or erosion", Kind: ops.Enum, Default: "dilation", Choices: []string{"dilation", "erosion"}},
			{Name: "footprint", Doc: "the neighbourhood, a 2D or 3D array of odd sizes (its centre ignored); default: all ones, 3 pixels along each axis", Kind: ops.Array, Optional: true},
		},
		Output:  ops.SameAsFirst,
		Halo:    whole,
		InPlace: true,
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			se, err := reconFootprint(p, in[0].Geometry())
			if err != nil {
				return ops.Result{}, err
			}
			m := ByDilation
			if p.String("method") == "erosion" {
				m = ByErosion
			}
			return ops.ImageResult(out), ReconstructInto(out, in[0], in[1], m, se)
		},
	})
	for _, minima := range []bool{false, true} {
		name, what, into := "hMaxima", "h_maxima: the maxima at least h high", HMaximaInto
		if minima {
			name, what, into = "hMinima", "h_minima: the minima at least h deep", HMinimaInto
		}
		ops.Register(&ops.Op{
			Name: "morpho." + name,
			Doc: "skimage.morphology." + what + " (by reconstruction of the image shifted by h, with skimage's arithmetic), as a Binary image. " +
				"h larger than the image's range gives none. 2D planes or volumes, channels and time points alone.",
			Inputs: []ops.Input{{Name: "image", Types: ops.Numeric}},
			Params: []ops.Param{
				{Name: "h", Doc: "the height (depth), > 0", Kind: ops.Float, Min: ops.Bound(0)},
				ops.ConnectivityParam(0),
				{Name: "footprint", Doc: "the neighbourhood instead of connectivity (skimage's footprint), a 2D or 3D array of odd sizes", Kind: ops.Array, Optional: true},
			},
			Output: ops.OfType(gips.Binary),
			Halo:   whole,
			Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
				se, err := extremaFootprint(p, in[0].Geometry())
				if err != nil {
					return ops.Result{}, err
				}
				return ops.ImageResult(out), into(out, in[0], p.Float("h"), se)
			},
		})
	}
	for _, minima := range []bool{false, true} {
		name, what, into := "regionalMaxima", "local_maxima: the plateaus with no higher neighbour (not at the image's minimum)", RegionalMaximaInto
		if minima {
			name, what, into = "regionalMinima", "local_minima: the plateaus with no lower neighbour (not at the image's maximum)", RegionalMinimaInto
		}
		ops.Register(&ops.Op{
			Name: "morpho." + name,
			Doc: "skimage.morphology." + what + ", allow_borders=True, as a Binary image: the seeds of a watershed. " +
				"2D planes or volumes, channels and time points alone.",
			Inputs: []ops.Input{{Name: "image", Types: ops.Numeric}},
			Params: []ops.Param{ops.ConnectivityParam(0)},
			Output: ops.OfType(gips.Binary),
			Halo:   whole,
			Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
				c, err := ops.ConnectivityOf(p, in[0].Geometry())
				if err != nil {
					return ops.Result{}, err
				}
				return ops.ImageResult(out), into(out, in[0], c)
			},
		})
	}
}

// extremaFootprint is hMaxima's and hMinima's neighbourhood: the footprint
// parameter when given (then connectivity must be left at its default),
// else the connectivity's.
func extremaFootprint(p ops.Values, g gips.Geometry) (SE, error) {
	if p.IsNone("footprint") {
		c, err := ops.ConnectivityOf(p, g)
		if err != nil {
			return SE{}, err
		}
		return ConnectivitySE(c, ndim(g)), nil
	}
	if p.Int("connectivity") != 0 {
		return SE{}, fmt.Errorf("parameters connectivity and footprint: give one of them: %w", ops.ErrParam)
	}
	return reconFootprint(p, g)
}

// reconFootprint is the footprint parameter of reconstruct: all ones,
// 3 along each axis, by default (skimage's).
func reconFootprint(p ops.Values, g gips.Geometry) (SE, error) {
	if p.IsNone("footprint") {
		if g.Volume {
			return Box(3, 3, 3), nil
		}
		return Rect(3, 3), nil
	}
	s := FromImage(p.Array("footprint"))
	if s.err != nil {
		return s, fmt.Errorf("parameter footprint: %w", s.err)
	}
	return s, nil
}
