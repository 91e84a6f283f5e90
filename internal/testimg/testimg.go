// Package testimg builds test images for the algorithm families' reference
// tests: random pixels of any buffer type in the layouts the core accepts
// (contiguous, padded rows, flipped rows and planes, multi-channel), each
// with the gips.Array that describes the same memory, to hand to numpy.
package testimg

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
)

// Case is one input image in one memory layout, with the array (a view of
// the same memory) that the reference receives.
type Case struct {
	Name string
	Img  *gips.Image
	Arr  gips.Array
}

// Shape is a numpy shape; Multi marks a multi-channel image, (C, Y, X) or
// (C, Z, Y, X).
type Shape struct {
	Name  string
	Shape []int
	Multi bool
}

// Shapes are a 2D image of odd sizes, 1-pixel-wide and 1-pixel-tall ones, a
// 3D volume, a volume of one slice (still filtered along z), a
// three-channel 2D image and a two-channel volume.
var Shapes = []Shape{
	{"2d", []int{23, 37}, false},
	{"col", []int{19, 1}, false},
	{"row", []int{1, 17}, false},
	{"3d", []int{7, 11, 13}, false},
	{"3dthin", []int{1, 5, 6}, false},
	{"mc", []int{3, 9, 14}, true},
	{"mc3d", []int{2, 5, 6, 7}, true},
}

// Layouts are contiguous ("c"), rows padded by 3 pixels ("pad"), rows
// (and, for 3D arrays, the first axis) stored in reverse order ("flip"),
// and x reversed ("xrev": a negative x stride, so the core copies the
// planes and the filters read the copies).
var Layouts = []string{"c", "pad", "flip", "xrev"}

// Types is every plain numeric buffer type.
var Types = []gips.BufferType{gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32, gips.Real32, gips.Real64}

// Random is an array of type t, numpy shape shape, in the given layout.
// Integer values span the type's range (a quarter of it for 32-bit types),
// floats [-1000, 1000]; one pixel in eight is the low end and one the high
// end, so that saturation and constant runs are exercised. gen, when not
// nil, replaces the value generator.
func Random(rng *rand.Rand, t gips.BufferType, shape []int, layout string, gen func() float64) gips.Array {
	full := append([]int(nil), shape...)
	if layout == "pad" {
		full[len(full)-1] += 3
	}
	n := 1
	for _, s := range full {
		n *= s
	}
	lo, hi := t.Range()
	if t.IsFloat() {
		lo, hi = -1000, 1000
	}
	if t.ItemSize() == 4 && !t.IsFloat() {
		lo, hi = float64(int64(lo/4)), float64(int64(hi/4))
	}
	if gen == nil {
		gen = func() float64 {
			switch rng.IntN(8) {
			case 0:
				return lo
			case 1:
				return hi
			}
			return lo + rng.Float64()*(hi-lo)
		}
	}
	dt, _ := gips.DTypeOf(t)
	words := make([]float64, (n*t.ItemSize()+7)/8) // aligned: every plane is shared
	var data []byte
	if len(words) > 0 {
		data = unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), n*t.ItemSize())
	}
	a := gips.Array{DType: dt, Shape: full, Strides: make([]int, len(full)), Data: data}
	st := t.ItemSize()
	for i := len(full) - 1; i >= 0; i-- {
		a.Strides[i] = st
		st *= full[i]
	}
	idx := make([]int, len(full))
	for k := 0; k < n; k++ {
		a.Put(gen(), idx...)
		Next(idx, full)
	}
	switch layout {
	case "pad":
		a = a.Slice(len(full)-1, 0, shape[len(shape)-1], 1)
	case "flip":
		a = a.Reverse(len(full) - 2)
		if len(full) == 3 {
			a = a.Reverse(0)
		}
	case "xrev":
		a = a.Reverse(len(full) - 1)
	}
	return a
}

// Next advances a numpy (C order) index.
func Next(idx, shape []int) {
	for k := len(idx) - 1; k >= 0; k-- {
		idx[k]++
		if idx[k] < shape[k] {
			return
		}
		idx[k] = 0
	}
}

// Cases is every Shape in every Layout for type bt, wrapped as images
// (multi-channel shapes as GeometryMultiChannel2d or 3d).
func Cases(t testing.TB, rng *rand.Rand, bt gips.BufferType, gen func() float64) []Case {
	t.Helper()
	var out []Case
	for _, s := range Shapes {
		for _, layout := range Layouts {
			a := Random(rng, bt, s.Shape, layout, gen)
			var img *gips.Image
			var err error
			switch {
			case s.Multi && len(s.Shape) == 4:
				img, err = gips.FromArrayGeometry(a, gips.GeometryMultiChannel3d(bt, s.Shape[3], s.Shape[2], s.Shape[1], s.Shape[0]))
			case s.Multi:
				img, err = gips.FromArrayGeometry(a, gips.GeometryMultiChannel2d(bt, s.Shape[2], s.Shape[1], s.Shape[0]))
			default:
				img, err = gips.FromArray(a)
			}
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("%s_%s_%s", strings.ToLower(bt.String()), s.Name, layout)
			out = append(out, Case{Name: name, Img: img, Arr: a})
		}
	}
	return out
}

// Values reads an array's elements in numpy (C) order as float64.
func Values(a gips.Array) []float64 {
	out := make([]float64, 0, a.Size())
	idx := make([]int, len(a.Shape))
	for n := a.Size(); n > 0; n-- {
		out = append(out, a.Get(idx...))
		Next(idx, a.Shape)
	}
	return out
}

// ImageValues reads an image's pixels in numpy order.
func ImageValues(t testing.TB, img *gips.Image) []float64 {
	t.Helper()
	a, err := img.Array()
	if err != nil {
		t.Fatal(err)
	}
	return Values(a)
}

// Big is a C-contiguous image of random bytes for benchmarks: 2D when sz is
// 1, otherwise a volume. Float types get random bit patterns masked to
// finite values in [0, 2).
func Big(tb testing.TB, t gips.BufferType, sx, sy, sz int) *gips.Image {
	tb.Helper()
	g := gips.Geometry2d(t, sx, sy)
	if sz > 1 {
		g = gips.Geometry3d(t, sx, sy, sz)
	}
	img, err := gips.CreateImage(g)
	if err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < img.NumPlanes(); i++ {
		for y := 0; y < sy; y++ {
			row := img.Row(i, y)
			for k := range row {
				row[k] = byte(rng.Uint32())
			}
		}
	}
	if t.IsFloat() {
		if err := gips.EraseImg(img, 0.5); err != nil {
			tb.Fatal(err)
		}
	}
	return img
}

// Bytes is an image's pixel data size, for b.SetBytes.
func Bytes(img *gips.Image) int64 {
	g := img.Geometry()
	return int64(g.Pixels() * g.Type.ItemSize())
}
