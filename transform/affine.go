package transform

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
)

// Affine maps img through an affine transform, scipy.ndimage.affine_transform:
// output pixel o reads the input at matrix·o + offset. The matrix and
// offset are x first, like every gips per-axis value: matrix[0] is the
// row that gives the input's x, matrix[0][0] its weight of the output's x;
// for a 2D image only the top-left 2x2 block and offset[0:2] are used.
// (scipy's matrix is in numpy order, z first: reverse both axes to get
// this one; the registry op "transform.affine" takes scipy's order.)
// The output has the input's sizes; AffineInto gives another shape.
// Options as Zoom's (GridMode has no effect).
func Affine(img *gips.Image, matrix [3][3]float64, offset [3]float64, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	if err := c.check("affine"); err != nil {
		return nil, err
	}
	g := img.Geometry()
	if c.output != 0 {
		g.Type = c.output
	}
	out, err := gips.CreateImage(g)
	if err != nil {
		return nil, fmt.Errorf("affine: %w", err)
	}
	out.SetCalibration(img.Calibration())
	return out, AffineInto(out, img, matrix, offset, opts...)
}

// AffineInto is Affine into dst, whose sizes are the output shape (the same
// channels, time points and dimensions as src); dst must not share memory
// with src.
func AffineInto(dst, src *gips.Image, matrix [3][3]float64, offset [3]float64, opts ...Option) error {
	return affineInto(dst, src, matrix, offset, collect(opts), [3]bool{})
}

func affineInto(dst, src *gips.Image, matrix [3][3]float64, offset [3]float64, c config, id [3]bool) error {
	if err := c.check("affine"); err != nil {
		return err
	}
	if err := checkIO("affine", dst, src); err != nil {
		return err
	}
	for i := range 3 {
		for k := range 3 {
			if math.IsNaN(matrix[i][k]) || math.IsInf(matrix[i][k], 0) {
				return fmt.Errorf("affine: matrix[%d][%d] = %v: want finite values: %w", i, k, matrix[i][k], ErrParam)
			}
		}
		if math.IsNaN(offset[i]) || math.IsInf(offset[i], 0) {
			return fmt.Errorf("affine: offset[%d] = %v: want finite values: %w", i, offset[i], ErrParam)
		}
	}
	m := &mapping{ident: id}
	j := newJob(dst, src, c, m)
	r := j.rank
	// numpy order: numpy axis h is gips axis r-1-h.
	for h := 0; h < r; h++ {
		m.off[h] = offset[r-1-h]
		for l := 0; l < r; l++ {
			m.mat[h][l] = matrix[r-1-h][r-1-l]
		}
	}
	return j.run()
}

// diagonalInto is scipy's affine_transform with a 1-D matrix (a diagonal):
// its zoom-and-shift path, in[k] = (k + offset/d) * d, x first.
func diagonalInto(dst, src *gips.Image, d, offset [3]float64, opts ...Option) error {
	c := collect(opts)
	if err := c.check("affine"); err != nil {
		return err
	}
	if err := checkIO("affine", dst, src); err != nil {
		return err
	}
	m := &mapping{}
	j := newJob(dst, src, c, m)
	g := dst.Geometry()
	n := [3]int{g.SizeX, g.SizeY, g.SizeZ}
	if j.rank == 2 {
		d[2], offset[2] = 1, 0
	}
	for a := range 3 {
		zoom, shift := d[a], offset[a]/d[a]
		if math.IsNaN(shift) || math.IsInf(shift, 0) || math.IsInf(zoom, 0) {
			return fmt.Errorf("affine: diagonal %v and offset %v along %c: want finite values and a nonzero diagonal: %w", zoom, offset[a], "xyz"[a], ErrParam)
		}
		m.tabs[a] = j.table(a, n[a], func(k int) float64 { return (float64(k) + shift) * zoom })
	}
	return j.run()
}

// Axes names the plane Rotate turns in.
type Axes uint8

const (
	XY Axes = iota // x towards y: scipy's default axes=(1, 0) on a 2D image
	XZ             // scipy's axes=(2, 0) on a volume
	YZ             // scipy's axes=(1, 0) on a volume, its default there
)

var axesNames = [...]string{XY: "xy", XZ: "xz", YZ: "yz"}

// AxesNames lists the planes as ParseAxes reads them.
var AxesNames = axesNames[:]

func (a Axes) String() string {
	if int(a) < len(axesNames) {
		return axesNames[a]
	}
	return fmt.Sprintf("Axes(%d)", uint8(a))
}

// ParseAxes reads "xy", "xz" or "yz".
func ParseAxes(s string) (Axes, error) {
	for i, n := range axesNames {
		if n == s {
			return Axes(i), nil
		}
	}
	return 0, fmt.Errorf("axes %q: want one of %q: %w", s, axesNames, ErrParam)
}

// numpyAxes are the plane's two numpy axes of a volume (sorted, as scipy
// sorts them): x = 2, y = 1, z = 0.
func (a Axes) numpyAxes() [2]int {
	switch a {
	case XZ:
		return [2]int{0, 2}
	case YZ:
		return [2]int{0, 1}
	}
	return [2]int{1, 2}
}

// Rotate turns img by angle degrees in a plane (WithAxes; XY by default),
// scipy.ndimage.rotate: the same matrix (cos and sin in degrees, exact at
// multiples of 90), centre and, with reshape (the default), the same grown
// output shape. A 2D image turns in XY only; a volume turns plane by plane
// (no interpolation or prefilter along the third axis), as in scipy.
// Options as Zoom's.
func Rotate(img *gips.Image, angle float64, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	if err := c.check("rotate"); err != nil {
		return nil, err
	}
	g, _, _, err := rotation(img.Geometry(), angle, c)
	if err != nil {
		return nil, err
	}
	if c.output != 0 {
		g.Type = c.output
	}
	out, err := gips.CreateImage(g)
	if err != nil {
		return nil, fmt.Errorf("rotate: %w", err)
	}
	out.SetCalibration(img.Calibration())
	return out, RotateInto(out, img, angle, opts...)
}

// RotateInto is Rotate into dst, which must have RotateGeometry's sizes.
func RotateInto(dst, src *gips.Image, angle float64, opts ...Option) error {
	c := collect(opts)
	if err := c.check("rotate"); err != nil {
		return err
	}
	g, mat, off, err := rotation(src.Geometry(), angle, c)
	if err != nil {
		return err
	}
	if gd := dst.Geometry(); gd.SizeX != g.SizeX || gd.SizeY != g.SizeY || gd.SizeZ != g.SizeZ {
		return fmt.Errorf("rotate: output %v: want sizes (%d, %d, %d): %w", gd, g.SizeX, g.SizeY, g.SizeZ, gips.ErrShape)
	}
	var id [3]bool
	if g.Volume {
		id = ident(c.axes)
	}
	return affineInto(dst, src, mat, off, c, id)
}

// ident is the axis (x, y, z) that a rotation in plane a leaves alone.
func ident(a Axes) [3]bool {
	switch a {
	case XZ:
		return [3]bool{false, true, false}
	case YZ:
		return [3]bool{true, false, false}
	}
	return [3]bool{false, false, true}
}

// RotateGeometry is the geometry Rotate gives.
func RotateGeometry(g gips.Geometry, angle float64, opts ...Option) (gips.Geometry, error) {
	c := collect(opts)
	if err := c.check("rotate"); err != nil {
		return g, err
	}
	g, _, _, err := rotation(g, angle, c)
	if err == nil && c.output != 0 {
		g.Type = c.output
	}
	return g, err
}

// rotation is scipy's rotate set-up: the output geometry and the affine
// map (x first) from output to input.
func rotation(g gips.Geometry, angle float64, c config) (gips.Geometry, [3][3]float64, [3]float64, error) {
	var mat [3][3]float64
	var off [3]float64
	if math.IsNaN(angle) || math.IsInf(angle, 0) {
		return g, mat, off, fmt.Errorf("rotate: angle %v: want a finite number: %w", angle, ErrParam)
	}
	if !g.Volume && c.axes != XY {
		return g, mat, off, fmt.Errorf("rotate: axes %v on a 2D image: only xy: %w", c.axes, ErrParam)
	}
	co, si := cosdg(angle), sindg(angle)
	rot := [2][2]float64{{co, si}, {-si, co}}
	shape := []int{g.SizeZ, g.SizeY, g.SizeX} // numpy order of a volume
	ax := c.axes.numpyAxes()
	in := [2]float64{float64(shape[ax[0]]), float64(shape[ax[1]])}
	out := [2]int{shape[ax[0]], shape[ax[1]]}
	if !c.keepSize {
		// out_bounds = rot @ [[0, 0, iy, iy], [0, ix, 0, ix]]; ptp + 0.5, truncated
		pts := [4][2]float64{{0, 0}, {0, in[1]}, {in[0], 0}, {in[0], in[1]}}
		for r := range 2 {
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, p := range pts {
				v := math.FMA(rot[r][0], p[0], rot[r][1]*p[1])
				lo, hi = min(lo, v), max(hi, v)
			}
			s := hi - lo + 0.5
			if !(s >= 1) || s > maxZoomSide {
				return g, mat, off, fmt.Errorf("rotate: output side %v: %w", s, ErrParam)
			}
			out[r] = int(s)
		}
	}
	var offNp [2]float64
	for r := range 2 {
		// numpy's matmul (BLAS) rounds r0*v0 + r1*v1 as one fused
		// multiply-add of r0*v0 onto the rounded r1*v1.
		oc := math.FMA(rot[r][0], float64(out[0]-1)/2, rot[r][1]*(float64(out[1]-1)/2))
		offNp[r] = (in[r]-1)/2 - oc
	}
	shape[ax[0]], shape[ax[1]] = out[0], out[1]
	g.SizeZ, g.SizeY, g.SizeX = shape[0], shape[1], shape[2]
	// The 3x3 numpy-order matrix: identity off the plane; then x first.
	var np [3][3]float64
	var onp [3]float64
	for h := range 3 {
		np[h][h] = 1
	}
	for r := range 2 {
		for k := range 2 {
			np[ax[r]][ax[k]] = rot[r][k]
		}
		onp[ax[r]] = offNp[r]
	}
	if !g.Volume {
		// A 2D image: numpy axes (y, x) are the volume's 1 and 2.
		mat = [3][3]float64{{np[2][2], np[2][1], 0}, {np[1][2], np[1][1], 0}, {0, 0, 1}}
		off = [3]float64{onp[2], onp[1], 0}
		return g, mat, off, g.Validate()
	}
	for h := range 3 {
		off[2-h] = onp[h]
		for l := range 3 {
			mat[2-h][2-l] = np[h][l]
		}
	}
	return g, mat, off, g.Validate()
}

// cosdg and sindg are cephes' cosine and sine of an angle in degrees, as
// scipy.special computes them for rotate (exact at multiples of 90).
var (
	sincof = [...]float64{1.58962301572218447952e-10, -2.50507477628503540135e-8, 2.75573136213856773549e-6,
		-1.98412698295895384658e-4, 8.33333333332211858862e-3, -1.66666666666666307295e-1}
	coscof = [...]float64{1.13678171382044553091e-11, -2.08758833757683644217e-9, 2.75573155429816611547e-7,
		-2.48015872936186303776e-5, 1.38888888888806666760e-3, -4.16666666666666348141e-2, 4.99999999999999999798e-1}
)

const pi180 = 1.74532925199432957692e-2

func polevl(x float64, c []float64) float64 {
	a := c[0]
	for _, v := range c[1:] {
		a = a*x + v
	}
	return a
}

// octant reduces x >= 0 degrees to an octant j and the multiple y of 45.
func octant(x float64) (y float64, j int) {
	y = math.Floor(x / 45)
	z := math.Floor(math.Ldexp(y, -4))
	z = y - math.Ldexp(z, 4)
	j = int(z)
	if j&1 != 0 {
		j++
		y++
	}
	return y, j & 7
}

func sindg(x float64) float64 {
	sign := 1.0
	if x < 0 {
		x, sign = -x, -1
	}
	if x > 1e14 {
		return 0
	}
	y, j := octant(x)
	if j > 3 {
		sign, j = -sign, j-4
	}
	z := (x - y*45) * pi180
	zz := z * z
	if j == 1 || j == 2 {
		y = 1 - zz*polevl(zz, coscof[:])
	} else {
		y = z + z*(zz*polevl(zz, sincof[:]))
	}
	return sign * y
}

func cosdg(x float64) float64 {
	x = math.Abs(x)
	if x > 1e14 {
		return 0
	}
	y, j := octant(x)
	sign := 1.0
	if j > 3 {
		j -= 4
		sign = -sign
	}
	if j > 1 {
		sign = -sign
	}
	z := (x - y*45) * pi180
	zz := z * z
	if j == 1 || j == 2 {
		y = z + z*(zz*polevl(zz, sincof[:]))
	} else {
		y = 1 - zz*polevl(zz, coscof[:])
	}
	return sign * y
}
