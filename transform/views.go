package transform

import (
	"errors"
	"fmt"
	"unsafe"

	"github.com/gipsdev/gips"
)

// Flips, axis swaps and quarter turns reorder pixels without computing
// any. They return views (new plane headers over the same pixels: a write
// through one image is read through the other) whenever the plane model
// can express the result: x must stay the row axis and keep its direction,
// so flips along y or z, swapping y and z (for a volume in one block) and
// quarter turns in the yz plane are views. Anything that reverses x or
// moves it is a copy. Use gips's Copy to detach a view.
//
// The registry ops (transform.flip, transform.rot90) always return a new
// image, as every op does: a view cannot cross the C boundary as an op
// result, and numpy's own flips and transposes are views already.

// Axis names an image axis.
type Axis uint8

const (
	X Axis = iota
	Y
	Z
)

func (a Axis) String() string {
	if a <= Z {
		return string("xyz"[a])
	}
	return fmt.Sprintf("Axis(%d)", uint8(a))
}

// ParseAxis reads "x", "y" or "z".
func ParseAxis(s string) (Axis, error) {
	switch s {
	case "x":
		return X, nil
	case "y":
		return Y, nil
	case "z":
		return Z, nil
	}
	return 0, fmt.Errorf("axis %q: want x, y or z: %w", s, ErrParam)
}

func checkAxis(fn string, img *gips.Image, a Axis) error {
	if a > Z || (a == Z && !img.Geometry().Volume) {
		return fmt.Errorf("%s: axis %v of %v: %w", fn, a, img.Geometry(), ErrParam)
	}
	return nil
}

// Flip reverses img along axis a: a view for y and z, a copy for x.
func Flip(img *gips.Image, a Axis) (*gips.Image, error) {
	if err := checkAxis("flip", img, a); err != nil {
		return nil, err
	}
	from, rev := [3]int{0, 1, 2}, [3]bool{}
	rev[a] = true
	return arrange(img, from, rev)
}

// SwapAxes exchanges two axes (Transpose): y and z of a volume is a view
// when the planes are evenly spaced in one block, every other pair a copy.
func SwapAxes(img *gips.Image, a, b Axis) (*gips.Image, error) {
	if err := checkAxis("swapAxes", img, a); err != nil {
		return nil, err
	}
	if err := checkAxis("swapAxes", img, b); err != nil {
		return nil, err
	}
	from := [3]int{0, 1, 2}
	from[a], from[b] = int(b), int(a)
	return arrange(img, from, [3]bool{})
}

// Rot90 turns img by k quarter turns in a plane, numpy.rot90: from the
// plane's outer numpy axis towards its inner one (y towards x in XY, as
// np.rot90(a) on a (Y, X) array; z towards x in XZ, z towards y in YZ).
// Turns in YZ are views (for a volume in one block); others copy unless k
// is a multiple of 4.
func Rot90(img *gips.Image, k int, plane Axes) (*gips.Image, error) {
	from, rev, err := rot90Axes(img, k, plane)
	if err != nil {
		return nil, err
	}
	return arrange(img, from, rev)
}

// rot90Axes is Rot90's reordering as arrange's from and rev.
func rot90Axes(img *gips.Image, k int, plane Axes) (from [3]int, rev [3]bool, err error) {
	if plane > YZ || (plane != XY && !img.Geometry().Volume) {
		return from, rev, fmt.Errorf("rot90: axes %v of %v: %w", plane, img.Geometry(), ErrParam)
	}
	// a0 is the outer numpy axis of the plane, a1 the inner one.
	a0, a1 := 1, 0 // XY: y towards x
	switch plane {
	case XZ:
		a0 = 2
	case YZ:
		a0, a1 = 2, 1
	}
	from = [3]int{0, 1, 2}
	switch ((k % 4) + 4) % 4 {
	case 1:
		from[a0], rev[a0], from[a1] = a1, true, a0
	case 2:
		rev[a0], rev[a1] = true, true
	case 3:
		from[a0], from[a1], rev[a1] = a1, a0, true
	}
	return from, rev, nil
}

// Crop is the view of the box of sx by sy by sz pixels at (x0, y0, z0)
// (sz and z0 ignored for a 2D image): gips's Region.
func Crop(img *gips.Image, x0, y0, z0, sx, sy, sz int) (*gips.Image, error) {
	if !img.Geometry().Volume {
		z0, sz = 0, 1
	}
	v, err := img.Region(x0, y0, z0, sx, sy, sz)
	if err != nil {
		return nil, fmt.Errorf("crop: %w", err)
	}
	return v, nil
}

// arrange makes the image whose axis a reads input axis from[a], reversed
// where rev[a]: a view when x stays x forwards, a copy otherwise.
func arrange(img *gips.Image, from [3]int, rev [3]bool) (*gips.Image, error) {
	if from[0] == 0 && !rev[0] {
		v := img
		if from[1] == 2 {
			sw, err := img.SwapYZView()
			if err != nil && !errors.Is(err, gips.ErrNotStrided) {
				return nil, err
			}
			if err != nil {
				return permuted(img, from, rev)
			}
			v = sw
		}
		if rev[1] {
			v = v.FlipYView()
		}
		if rev[2] {
			v = v.FlipZView()
		}
		if v == img {
			v = img.FlipYView().FlipYView() // a new header over the same planes
		}
		return v, nil
	}
	return permuted(img, from, rev)
}

// permuted is arrange by copying.
func permuted(img *gips.Image, from [3]int, rev [3]bool) (*gips.Image, error) {
	g := img.Geometry()
	n := [3]int{g.SizeX, g.SizeY, g.SizeZ}
	ng := g
	ng.SizeX, ng.SizeY, ng.SizeZ = n[from[0]], n[from[1]], n[from[2]]
	out, err := gips.CreateImage(ng)
	if err != nil {
		return nil, err
	}
	cal := img.Calibration()
	cs := [3]float64{cal.X, cal.Y, cal.Z}
	cal.X, cal.Y, cal.Z = cs[from[0]], cs[from[1]], cs[from[2]]
	out.SetCalibration(cal)
	return out, permuteInto(out, img, from, rev)
}

type permArgs struct {
	dst, src *gips.Image
	from     [3]int
	rev      [3]bool
}

func permute[T gips.Pixel](a permArgs) error {
	sp, err := gips.Planes[T](a.src)
	if err != nil {
		return err
	}
	dp, err := gips.WritablePlanes[T](a.dst)
	if err != nil {
		return err
	}
	gs, gd := a.src.Geometry(), a.dst.Geometry()
	n := [3]int{gs.SizeX, gs.SizeY, gs.SizeZ}
	// coord is the input coordinate along input axis from[axis] for output
	// coordinate c along axis.
	coord := func(axis, c int) int {
		if a.rev[axis] {
			return n[a.from[axis]] - 1 - c
		}
		return c
	}
	var z T
	size := int(unsafe.Sizeof(z))
	switch {
	case a.from[0] == 0:
		// x stays x: each output row is an input row, reversed or not.
		return bands(gd.Planes(), gd.SizeY, gd.SizeX*size*2, func(i, y0, y1 int) {
			zo, c, t := gd.PlaneCoords(i)
			var in [3]int
			in[a.from[2]] = coord(2, zo)
			for y := y0; y < y1; y++ {
				in[a.from[1]] = coord(1, y)
				src := sp[gs.PlaneIndex(in[2], c, t)].Row(in[1])
				if a.rev[0] {
					reverseRow(asBytes(dp[i].Row(y)), asBytes(src), size)
				} else {
					copy(dp[i].Row(y), src)
				}
			}
		})
	case a.from[0] == 1 && a.from[1] == 0:
		// x and y exchanged in every plane: a transpose.
		// Bands of whole 16-row groups, the tallest tiles' height.
		groups := (gd.SizeY + 15) / 16
		return bands(gd.Planes(), groups, 16*gd.SizeX*size*2, func(i, g0, g1 int) {
			zo, c, t := gd.PlaneCoords(i)
			p := sp[gs.PlaneIndex(coord(2, zo), c, t)]
			transposeRows(dp[i], p, a.rev[0], a.rev[1], 16*g0, min(16*g1, gd.SizeY))
		})
	}
	return bands(gd.Planes(), gd.SizeY, gd.SizeX*8, func(i, y0, y1 int) {
		zo, c, t := gd.PlaneCoords(i)
		var in [3]int
		in[a.from[2]] = coord(2, zo)
		for y := y0; y < y1; y++ {
			in[a.from[1]] = coord(1, y)
			row := dp[i].Row(y)
			for x := range row {
				in[a.from[0]] = coord(0, x)
				row[x] = sp[gs.PlaneIndex(in[2], c, t)].At(in[0], in[1])
			}
		}
	})
}
