package morpho

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// MaxSEElements bounds the footprint an SE constructor builds (Disk, Ball,
// a footprint image), so that a radius is never an unchecked allocation.
// Boxes are not stored element by element and have no such bound.
const MaxSEElements = 1 << 24

// SE is a flat structuring element (a footprint): a 2D or 3D grid of
// sizes (x, y, z) whose true elements are the neighbours an op reads. Its
// centre is element size/2 along each axis (scipy's rule, also for even
// sizes): an erosion reads pixel p + (e - centre) for each true element e,
// a dilation p - (e - centre) (the footprint reflected through its
// centre, as scipy's grey_dilation and binary_dilation do).
//
// The zero SE is invalid; build one with Box, Rect, Cross, Disk, Ball,
// Diamond, Octahedron, Line, FromBools or FromImage. A constructor given
// impossible arguments (a negative radius, a size below 1) returns an SE
// that every op refuses with an error naming the footprint.
type SE struct {
	size [3]int
	on   []bool // x fastest, then y, then z; nil for a box
	box  bool
	err  error
}

// Box is a box of sx by sy by sz pixels (sz = 1: a rectangle), scipy's
// size= argument. Boxes are applied separably, O(1) per pixel whatever
// the size.
func Box(sx, sy, sz int) SE {
	if sx < 1 || sy < 1 || sz < 1 {
		return bad("box size (%d, %d, %d): want sizes >= 1", sx, sy, sz)
	}
	return SE{size: [3]int{sx, sy, sz}, box: true}
}

// Rect is a 2D box of sx by sy pixels.
func Rect(sx, sy int) SE { return Box(sx, sy, 1) }

// Cross is scipy.ndimage.generate_binary_structure(ndim, 1): the centre
// and its 2*ndim face neighbours (3x3 or 3x3x3), ndim 2 or 3.
func Cross(ndim int) SE {
	if ndim != 2 && ndim != 3 {
		return bad("cross of %d dimensions: want 2 or 3", ndim)
	}
	return build(1, ndim, func(x, y, z int) bool { return abs(x)+abs(y)+abs(z) <= 1 })
}

// Disk is skimage.morphology.disk(r): the (2r+1)² square's pixels within
// Euclidean distance r of the centre.
func Disk(r int) SE { return build(r, 2, func(x, y, _ int) bool { return x*x+y*y <= r*r }) }

// Ball is skimage.morphology.ball(r), Disk in 3D.
func Ball(r int) SE { return build(r, 3, func(x, y, z int) bool { return x*x+y*y+z*z <= r*r }) }

// Diamond is skimage.morphology.diamond(r): city-block distance <= r.
func Diamond(r int) SE { return build(r, 2, func(x, y, _ int) bool { return abs(x)+abs(y) <= r }) }

// Octahedron is skimage.morphology.octahedron(r), Diamond in 3D.
func Octahedron(r int) SE {
	return build(r, 3, func(x, y, z int) bool { return abs(x)+abs(y)+abs(z) <= r })
}

// build makes the (2r+1)^ndim footprint of the elements (relative to the
// centre) for which in is true.
func build(r, ndim int, in func(x, y, z int) bool) SE {
	n := 2*r + 1
	if r < 0 || r > 1<<12 || (ndim == 2 && n*n > MaxSEElements) || (ndim == 3 && n*n*n > MaxSEElements) {
		return bad("radius %d: want 0 to the radius of a %d-element footprint", r, MaxSEElements)
	}
	s := SE{size: [3]int{n, n, 1}}
	rz := 0
	if ndim == 3 {
		s.size[2], rz = n, r
	}
	s.on = make([]bool, 0, n*n*s.size[2])
	for z := -rz; z <= rz; z++ {
		for y := -r; y <= r; y++ {
			for x := -r; x <= r; x++ {
				s.on = append(s.on, in(x, y, z))
			}
		}
	}
	return s
}

// FromBools is the footprint of sizes (sx, sy, sz) whose elements are on,
// x fastest, then y, then z (numpy's C order of a (z, y, x) array).
func FromBools(on []bool, sx, sy, sz int) SE {
	if sx < 1 || sy < 1 || sz < 1 || sx > MaxSEElements || sy > MaxSEElements || sz > MaxSEElements || sx*sy > MaxSEElements || sx*sy*sz > MaxSEElements || len(on) != sx*sy*sz {
		return bad("footprint of %d elements for sizes (%d, %d, %d) (at most %d elements)", len(on), sx, sy, sz, MaxSEElements)
	}
	return boxIfFull(SE{size: [3]int{sx, sy, sz}, on: append([]bool(nil), on...)})
}

// nonzeroOf is the kernel that sets *on to which pixels of a T image (one
// plane or volume) are not 0, x fastest.
func nonzeroOf[T gips.Pixel](on *[]bool) func(*gips.Image) error {
	return func(img *gips.Image) error {
		ps, err := gips.Planes[T](img)
		if err != nil {
			return err
		}
		g := img.Geometry()
		*on = make([]bool, 0, g.Pixels())
		for z := range g.SizeZ {
			for y := range g.SizeY {
				for _, v := range ps[z].Row(y) {
					*on = append(*on, v != 0)
				}
			}
		}
		return nil
	}
}

// boxIfFull turns a footprint whose elements are all true into a box, which
// runs separably (scipy does the same).
func boxIfFull(s SE) SE {
	for _, v := range s.on {
		if !v {
			return s
		}
	}
	return SE{size: s.size, box: true}
}

// FromImage is the footprint whose true elements are the nonzero pixels
// of img: a 2D image or a volume of one channel and time point (what
// gips.FromArray makes of a 2D or 3D numpy array).
func FromImage(img *gips.Image) SE {
	g := img.Geometry()
	if g.SizeC*g.SizeT != 1 {
		return bad("footprint image %v: want one 2D plane or one volume (a 2D or 3D array)", g)
	}
	if g.Pixels() > MaxSEElements {
		return bad("footprint image %v: more than %d elements", g, MaxSEElements)
	}
	// In its own type: a footprint converted to float64 first was a
	// second copy of a ball(20)'s 551 KB a call.
	var on []bool
	err := gips.Dispatch(g.Type, gips.AllKernels(nonzeroOf[uint8](&on), nonzeroOf[int8](&on), nonzeroOf[uint16](&on),
		nonzeroOf[int16](&on), nonzeroOf[uint32](&on), nonzeroOf[int32](&on), nonzeroOf[float32](&on), nonzeroOf[float64](&on)), img)
	if err != nil {
		return SE{err: fmt.Errorf("footprint: %w", err)}
	}
	return boxIfFull(SE{size: [3]int{g.SizeX, g.SizeY, g.SizeZ}, on: on})
}

func bad(format string, args ...any) SE {
	return SE{err: fmt.Errorf("footprint: "+format+": %w", append(args, gips.ErrParam)...)}
}

// Size is the footprint's size along x, y and z.
func (s SE) Size() [3]int { return s.size }

// IsBox reports whether every element is true.
func (s SE) IsBox() bool { return s.box }

// At reports whether element (x, y, z) is true.
func (s SE) At(x, y, z int) bool {
	if x < 0 || y < 0 || z < 0 || x >= s.size[0] || y >= s.size[1] || z >= s.size[2] {
		return false
	}
	return s.box || s.on[(z*s.size[1]+y)*s.size[0]+x]
}

// Bools is the footprint's elements, x fastest (a numpy (z, y, x) or
// (y, x) bool array's C order).
func (s SE) Bools() []bool {
	if s.on != nil {
		return append([]bool(nil), s.on...)
	}
	out := make([]bool, s.size[0]*s.size[1]*s.size[2])
	for i := range out {
		out[i] = s.box
	}
	return out
}

// Err is the error of an SE built from bad arguments, or nil.
func (s SE) Err() error { return s.err }

// check returns an error naming the footprint when s cannot be applied to
// an image of ndim axes: built from bad arguments, no true element, or 3D
// (more than one plane) for a 2D image. A 2D footprint on a volume works
// plane by plane.
func (s SE) check(fn string, ndim int) error {
	if s.err != nil {
		return fmt.Errorf("%s: %w", fn, s.err)
	}
	if s.size[0] < 1 {
		return fmt.Errorf("%s: footprint: the zero SE (build one with Box, Disk, FromImage, ...): %w", fn, gips.ErrParam)
	}
	if s.size[2] > 1 && ndim == 2 {
		return fmt.Errorf("%s: footprint of %d planes (3D) for a 2D image: %w", fn, s.size[2], gips.ErrParam)
	}
	if !s.box && !anyTrue(s.on) {
		return fmt.Errorf("%s: footprint %dx%dx%d has no true element: %w", fn, s.size[0], s.size[1], s.size[2], gips.ErrParam)
	}
	return nil
}

func anyTrue(b []bool) bool {
	for _, v := range b {
		if v {
			return true
		}
	}
	return false
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
