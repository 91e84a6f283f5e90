package imgtest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
)

// NumericTypes is every plain numeric buffer type: no Binary, no labels.
var NumericTypes = []gips.BufferType{gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32, gips.Real32, gips.Real64}

// Make returns an image of type t in layout l and the array view of its
// memory (numpy order), filled with EdgeValues from rng; the padding of
// the base array stays zero. The image shares the array's memory except
// for planes the core had to copy; call img.Sync before reading the array.
func Make(t gips.BufferType, l Layout, rng *rand.Rand) (*gips.Image, gips.Array) {
	a := l.View(alloc(t, l.Base))
	fill(a, EdgeValues(t, rng))
	img, err := gips.FromArrayGeometry(a, l.Geom(t, l.Shape))
	if err != nil {
		panic(fmt.Sprintf("imgtest: %v %s: %v", t, l.Name, err))
	}
	return img, a
}

// Sample is one image in one Grid layout, with the array (a view of the
// same memory) that the reference receives.
type Sample struct {
	Name string // type_shape_arrangement, lower case: "uint16_3d_pad"
	Img  *gips.Image
	Arr  gips.Array
}

// Samples is every Grid layout for type bt, in Grid's order. The whole base
// array, padding included, is filled (in memory order) before the view is
// cut, so that an op that reads past a row's end reads noise, not zeros.
// Values come from gen, or RangeValues(bt, rng) when gen is nil.
func Samples(t testing.TB, rng *rand.Rand, bt gips.BufferType, gen func() float64) []Sample {
	t.Helper()
	if gen == nil {
		gen = RangeValues(bt, rng)
	}
	var out []Sample
	for _, l := range Grid {
		base := alloc(bt, l.Base)
		fill(base, gen)
		a := l.View(base)
		img, err := gips.FromArrayGeometry(a, l.Geom(bt, l.Shape))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Sample{Name: strings.ToLower(bt.String()) + "_" + l.Name, Img: img, Arr: a})
	}
	return out
}

// alloc is a C-contiguous array of t's storage type, aligned for it, so
// that the core shares every plane it can.
func alloc(t gips.BufferType, shape []int) gips.Array {
	shape = append([]int(nil), shape...)
	n := 1
	for _, s := range shape {
		n *= s
	}
	switch t.Storage() {
	case gips.UInt8:
		return gips.ArrayOf(make([]uint8, n), shape...)
	case gips.Int8:
		return gips.ArrayOf(make([]int8, n), shape...)
	case gips.UInt16:
		return gips.ArrayOf(make([]uint16, n), shape...)
	case gips.Int16:
		return gips.ArrayOf(make([]int16, n), shape...)
	case gips.UInt32:
		return gips.ArrayOf(make([]uint32, n), shape...)
	case gips.Int32:
		return gips.ArrayOf(make([]int32, n), shape...)
	case gips.Real32:
		return gips.ArrayOf(make([]float32, n), shape...)
	}
	return gips.ArrayOf(make([]float64, n), shape...)
}

// fill writes gen's values in numpy (C) order.
func fill(a gips.Array, gen func() float64) {
	idx := make([]int, len(a.Shape))
	for n := a.Size(); n > 0; n-- {
		a.Put(gen(), idx...)
		Next(idx, a.Shape)
	}
}

// Edges are the values every EdgeValues image contains for type t.
func Edges(t gips.BufferType) []float64 {
	lo, hi := t.Range()
	switch {
	case t == gips.Binary:
		return []float64{0, 1, 2, 255} // Binary algorithms read any non-zero byte as 1
	case t.IsFloat():
		return []float64{0, 1, -1, 0.5, -0.5, 2.5, lo, hi, 1e-30, math.NaN(), math.Inf(1), math.Inf(-1)}
	case t.IsSigned():
		return []float64{0, 1, -1, 2, -2, lo, lo + 1, hi, hi - 1}
	}
	return []float64{0, 1, 2, hi, hi - 1}
}

// EdgeValues draws the values of pointwise tests: about one pixel in eight
// is one of Edges(t); the others a uniform draw over the type's range for
// integers (0 or 1 for Binary), a spread of magnitudes for floats.
func EdgeValues(t gips.BufferType, rng *rand.Rand) func() float64 {
	edges := Edges(t)
	lo, hi := t.Range()
	return func() float64 {
		switch {
		case rng.IntN(8) == 0:
			return edges[rng.IntN(len(edges))]
		case t == gips.Binary:
			return float64(rng.IntN(2))
		case t.IsFloat():
			return rng.NormFloat64() * math.Pow(10, float64(rng.IntN(7)-3))
		}
		return math.Floor(lo + rng.Float64()*(hi-lo+1))
	}
}

// RangeValues draws the values of the families' tests, finite and bounded
// so that sums and neighbourhoods stay exact enough to compare: integers
// span the type's range (a quarter of it for 32-bit types), floats
// [-1000, 1000]; one pixel in eight is the low end and one the high end,
// so that saturation and constant runs are exercised.
func RangeValues(t gips.BufferType, rng *rand.Rand) func() float64 {
	lo, hi := t.Range()
	if t.IsFloat() {
		lo, hi = -1000, 1000
	}
	if t.ItemSize() == 4 && !t.IsFloat() {
		lo, hi = float64(int64(lo/4)), float64(int64(hi/4))
	}
	return func() float64 {
		switch rng.IntN(8) {
		case 0:
			return lo
		case 1:
			return hi
		}
		return lo + rng.Float64()*(hi-lo)
	}
}
