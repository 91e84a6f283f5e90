package gips

import (
	"fmt"
	"math/bits"
)

// ColorModel says how the channel axis is read.
type ColorModel uint8

const (
	Grey         ColorModel = iota // one channel
	RGB                            // three channels, red, green, blue
	MultiChannel                   // SizeC independent channels
)

func (m ColorModel) String() string {
	switch m {
	case Grey:
		return "grey"
	case RGB:
		return "rgb"
	case MultiChannel:
		return "multichannel"
	}
	return fmt.Sprintf("ColorModel(%d)", uint8(m))
}

// Geometry is the shape and pixel type of an image. Sizes are given x
// first; numpy shapes are their reverse (see Shape).
//
// Volume and Sequence say whether the z and t axes exist, so that a 3D image
// of one slice is still 3D: its numpy shape is (1, Y, X), not (Y, X). The
// channel axis exists when the colour model is not Grey.
type Geometry struct {
	Type                              BufferType
	SizeX, SizeY, SizeZ, SizeC, SizeT int
	Color                             ColorModel
	Volume                            bool // the z axis exists
	Sequence                          bool // the t axis exists
}

// Geometry2d is a 2D grey image of sx by sy pixels.
func Geometry2d(t BufferType, sx, sy int) Geometry {
	return Geometry{Type: t, SizeX: sx, SizeY: sy, SizeZ: 1, SizeC: 1, SizeT: 1}
}

// Geometry3d is a 3D grey volume of sx by sy by sz voxels.
func Geometry3d(t BufferType, sx, sy, sz int) Geometry {
	g := Geometry2d(t, sx, sy)
	g.SizeZ, g.Volume = sz, true
	return g
}

// GeometryRgb2d is a 2D colour image; its numpy shape is (3, Y, X).
func GeometryRgb2d(t BufferType, sx, sy int) Geometry {
	g := Geometry2d(t, sx, sy)
	g.SizeC, g.Color = 3, RGB
	return g
}

// GeometryRgb3d is a 3D colour volume; its numpy shape is (3, Z, Y, X).
func GeometryRgb3d(t BufferType, sx, sy, sz int) Geometry {
	g := Geometry3d(t, sx, sy, sz)
	g.SizeC, g.Color = 3, RGB
	return g
}

// GeometryMultiChannel2d is a 2D image of sc channels, shape (C, Y, X).
func GeometryMultiChannel2d(t BufferType, sx, sy, sc int) Geometry {
	g := Geometry2d(t, sx, sy)
	g.SizeC, g.Color = sc, MultiChannel
	return g
}

// GeometryMultiChannel3d is a 3D volume of sc channels, shape (C, Z, Y, X).
func GeometryMultiChannel3d(t BufferType, sx, sy, sz, sc int) Geometry {
	g := Geometry3d(t, sx, sy, sz)
	g.SizeC, g.Color = sc, MultiChannel
	return g
}

// GeometrySequence2d is a time series of st 2D images, shape (T, Y, X).
func GeometrySequence2d(t BufferType, sx, sy, st int) Geometry {
	g := Geometry2d(t, sx, sy)
	g.SizeT, g.Sequence = st, true
	return g
}

// GeometrySequence3d is a time series of st volumes, shape (T, Z, Y, X).
func GeometrySequence3d(t BufferType, sx, sy, sz, st int) Geometry {
	g := Geometry3d(t, sx, sy, sz)
	g.SizeT, g.Sequence = st, true
	return g
}

// WithType is the same geometry with another buffer type.
func (g Geometry) WithType(t BufferType) Geometry { g.Type = t; return g }

// Validate reports the first rule g breaks: every size >= 1, a valid buffer
// type, Grey with one channel, RGB with three, absent axes of size 1, and a
// byte count that fits in an int.
func (g Geometry) Validate() error {
	if !g.Type.Valid() {
		return fmt.Errorf("geometry %v: %w", g, ErrBufferType)
	}
	if g.SizeX < 1 || g.SizeY < 1 || g.SizeZ < 1 || g.SizeC < 1 || g.SizeT < 1 {
		return fmt.Errorf("geometry %v: every size must be >= 1: %w", g, ErrGeometry)
	}
	switch {
	case g.Color == Grey && g.SizeC != 1:
		return fmt.Errorf("geometry %v: a grey image has SizeC 1: %w", g, ErrGeometry)
	case g.Color == RGB && g.SizeC != 3:
		return fmt.Errorf("geometry %v: an RGB image has SizeC 3: %w", g, ErrGeometry)
	case g.Color > MultiChannel:
		return fmt.Errorf("geometry %v: unknown colour model: %w", g, ErrGeometry)
	case !g.Volume && g.SizeZ != 1:
		return fmt.Errorf("geometry %v: a 2D image has SizeZ 1: %w", g, ErrGeometry)
	case !g.Sequence && g.SizeT != 1:
		return fmt.Errorf("geometry %v: SizeT > 1 needs a sequence geometry: %w", g, ErrGeometry)
	}
	n := uint64(g.Type.ItemSize())
	for _, s := range []int{g.SizeX, g.SizeY, g.SizeZ, g.SizeC, g.SizeT} {
		hi, lo := bits.Mul64(n, uint64(s))
		if hi != 0 || lo > uint64(maxInt) {
			return fmt.Errorf("geometry %v: byte count overflows int: %w: %w", g, ErrGeometry, ErrTooLarge)
		}
		n = lo
	}
	return nil
}

const maxInt = int(^uint(0) >> 1)

// Planes is the number of 2D planes: SizeZ * SizeC * SizeT.
func (g Geometry) Planes() int { return g.SizeZ * g.SizeC * g.SizeT }

// Pixels is the number of pixels in all planes.
func (g Geometry) Pixels() int { return g.SizeX * g.SizeY * g.Planes() }

// PlaneIndex is the position of plane (z, c, t) in an image's plane list:
// z fastest, then c, then t, as in the numpy order (T, C, Z, Y, X).
func (g Geometry) PlaneIndex(z, c, t int) int { return z + g.SizeZ*(c+g.SizeC*t) }

// PlaneCoords is the inverse of PlaneIndex.
func (g Geometry) PlaneCoords(i int) (z, c, t int) {
	return i % g.SizeZ, (i / g.SizeZ) % g.SizeC, i / (g.SizeZ * g.SizeC)
}

// Is3D reports whether the z axis exists.
func (g Geometry) Is3D() bool { return g.Volume }

// Shape is the numpy shape of an image of this geometry: the reverse of
// (x, y, z, c, t) with the absent axes dropped. 2D grey (Y, X), 3D grey
// (Z, Y, X), 2D RGB (3, Y, X), 3D RGB (3, Z, Y, X), sequences T first.
func (g Geometry) Shape() []int {
	s := make([]int, 0, 5)
	if g.Sequence {
		s = append(s, g.SizeT)
	}
	if g.Color != Grey {
		s = append(s, g.SizeC)
	}
	if g.Volume {
		s = append(s, g.SizeZ)
	}
	return append(s, g.SizeY, g.SizeX)
}

// outerAxes lists, in numpy order, which of t, c, z exist (0=t, 1=c, 2=z).
func (g Geometry) outerAxes() []int {
	var a []int
	if g.Sequence {
		a = append(a, 0)
	}
	if g.Color != Grey {
		a = append(a, 1)
	}
	if g.Volume {
		a = append(a, 2)
	}
	return a
}

func (g Geometry) String() string {
	s := fmt.Sprintf("%v %dx%d", g.Type, g.SizeX, g.SizeY)
	if g.Volume {
		s += fmt.Sprintf("x%d", g.SizeZ)
	}
	if g.Color != Grey {
		s += fmt.Sprintf(" %v(%d)", g.Color, g.SizeC)
	}
	if g.Sequence {
		s += fmt.Sprintf(" t=%d", g.SizeT)
	}
	return s
}

// Calibration is the physical size of a voxel. The zero value is not
// valid; DefaultCalibration is 1 along each axis with no unit.
type Calibration struct {
	X, Y, Z float64
	Unit    string
}

// DefaultCalibration is the calibration of a new image.
var DefaultCalibration = Calibration{X: 1, Y: 1, Z: 1}
