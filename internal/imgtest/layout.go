package imgtest

import "github.com/gipsdev/gips"

// Layout is a logical numpy shape, the geometry that wraps it, and how its
// memory is laid out: the array is a view (slices, reversals) of a larger
// base array.
type Layout struct {
	Name  string
	Shape []int // numpy order
	Base  []int // shape of the allocated array, each >= Shape
	// View cuts the logical array out of the base one.
	View func(gips.Array) gips.Array
	Geom func(t gips.BufferType, shape []int) gips.Geometry
}

func g2(t gips.BufferType, s []int) gips.Geometry { return gips.Geometry2d(t, s[1], s[0]) }
func g3(t gips.BufferType, s []int) gips.Geometry { return gips.Geometry3d(t, s[2], s[1], s[0]) }
func rgb(t gips.BufferType, s []int) gips.Geometry {
	return gips.GeometryRgb2d(t, s[2], s[1])
}
func mc2(t gips.BufferType, s []int) gips.Geometry {
	return gips.GeometryMultiChannel2d(t, s[2], s[1], s[0])
}
func mc3(t gips.BufferType, s []int) gips.Geometry {
	return gips.GeometryMultiChannel3d(t, s[3], s[2], s[1], s[0])
}
func seq(t gips.BufferType, s []int) gips.Geometry {
	return gips.GeometrySequence2d(t, s[2], s[1], s[0])
}
func same(a gips.Array) gips.Array { return a }

// Layouts are the layouts every pointwise op is tested in.
var Layouts = []Layout{
	{"2d", []int{23, 37}, []int{23, 37}, same, g2},
	{"2d-padded", []int{23, 37}, []int{25, 41}, func(a gips.Array) gips.Array { return a.Slice(0, 1, 24, 1).Slice(1, 3, 40, 1) }, g2},
	{"2d-flipped", []int{23, 37}, []int{23, 37}, func(a gips.Array) gips.Array { return a.Reverse(0) }, g2},
	{"2d-x-reversed", []int{7, 9}, []int{7, 9}, func(a gips.Array) gips.Array { return a.Reverse(1) }, g2},
	{"1x1", []int{1, 1}, []int{1, 1}, same, g2},
	{"3d-flipped", []int{5, 19, 33}, []int{5, 19, 33}, func(a gips.Array) gips.Array { return a.Reverse(0).Reverse(1) }, g3},
	{"3d-padded", []int{5, 19, 33}, []int{7, 20, 36}, func(a gips.Array) gips.Array {
		return a.Slice(0, 1, 6, 1).Slice(1, 0, 19, 1).Slice(2, 2, 35, 1)
	}, g3},
	{"rgb-padded", []int{3, 17, 29}, []int{3, 17, 32}, func(a gips.Array) gips.Array { return a.Slice(2, 1, 30, 1) }, rgb},
	{"mc3d", []int{2, 4, 9, 11}, []int{2, 4, 9, 11}, same, mc3},
	{"seq-flipped", []int{3, 6, 17}, []int{3, 6, 17}, func(a gips.Array) gips.Array { return a.Reverse(0).Reverse(1) }, seq},
}

// Shape is a numpy shape and the geometry that wraps it: (Y, X) or
// (Z, Y, X), or for a multi-channel image (C, Y, X) or (C, Z, Y, X).
type Shape struct {
	Name  string
	Shape []int
	Geom  func(t gips.BufferType, shape []int) gips.Geometry
}

// Shapes are a 2D image of odd sizes, 1-pixel-wide and 1-pixel-tall ones, a
// 3D volume, a volume of one slice (still filtered along z), a
// three-channel 2D image and a two-channel volume.
var Shapes = []Shape{
	{"2d", []int{23, 37}, g2},
	{"col", []int{19, 1}, g2},
	{"row", []int{1, 17}, g2},
	{"3d", []int{7, 11, 13}, g3},
	{"3dthin", []int{1, 5, 6}, g3},
	{"mc", []int{3, 9, 14}, mc2},
	{"mc3d", []int{2, 5, 6, 7}, mc3},
}

// Arrangement is a way to lay a Shape out in memory: the base array it is
// cut from and the view that cuts it.
type Arrangement struct {
	Name string
	Base func(shape []int) []int
	View func(a gips.Array) gips.Array
}

// Arrangements are contiguous ("c"), rows padded by 3 pixels ("pad"), rows
// (and, for 3D arrays, the first axis) stored in reverse order ("flip"),
// and x reversed ("xrev": a negative x stride, so the core copies the
// planes and the filters read the copies).
var Arrangements = []Arrangement{
	{"c", nil, same},
	{"pad", func(s []int) []int {
		b := append([]int(nil), s...)
		b[len(b)-1] += 3
		return b
	}, func(a gips.Array) gips.Array { return a.Slice(len(a.Shape)-1, 0, a.Shape[len(a.Shape)-1]-3, 1) }},
	{"flip", nil, func(a gips.Array) gips.Array {
		a = a.Reverse(len(a.Shape) - 2)
		if len(a.Shape) == 3 {
			a = a.Reverse(0)
		}
		return a
	}},
	{"xrev", nil, func(a gips.Array) gips.Array { return a.Reverse(len(a.Shape) - 1) }},
}

// Grid is every Shape in every Arrangement, named shape_arrangement
// ("2d_pad"): the layouts of the families' reference tests.
var Grid = grid()

func grid() []Layout {
	var ls []Layout
	for _, s := range Shapes {
		for _, a := range Arrangements {
			base := s.Shape
			if a.Base != nil {
				base = a.Base(s.Shape)
			}
			ls = append(ls, Layout{s.Name + "_" + a.Name, s.Shape, base, a.View, s.Geom})
		}
	}
	return ls
}
