package filter

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
)

// A testCase is one input image in one memory layout, with the numpy array
// that describes the same pixels for the reference.
type testCase struct {
	name string
	img  *gips.Image
	arr  gips.Array
}

// shapes are numpy shapes: 2D odd, 1-pixel wide and tall, 3D, and a
// multi-channel 2D image (C, Y, X) whose first axis is not filtered.
var shapes = []struct {
	name  string
	shape []int
	multi bool
}{
	{"2d", []int{23, 37}, false},
	{"col", []int{19, 1}, false},
	{"row", []int{1, 17}, false},
	{"3d", []int{7, 11, 13}, false},
	{"mc", []int{3, 9, 14}, true},
}

var allTypes = []gips.BufferType{gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32, gips.Real32, gips.Real64}

// randomArray is an array of t with the given shape in one of the layouts:
// "c" contiguous, "pad" rows padded by 3 pixels, "flip" rows (and planes)
// stored in reverse order. Integer values span the type's range, with runs
// of extremes so that saturation and constant regions are exercised.
func randomArray(rng *rand.Rand, t gips.BufferType, shape []int, layout string) gips.Array {
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
	if t == gips.UInt32 || t == gips.Int32 {
		lo, hi = lo/4, hi/4 // sums stay exact in float64 and ranges stay honest in float32
	}
	vals := make([]float64, n)
	for i := range vals {
		switch rng.IntN(8) {
		case 0:
			vals[i] = lo
		case 1:
			vals[i] = hi
		default:
			vals[i] = lo + rng.Float64()*(hi-lo)
		}
	}
	dt, _ := gips.DTypeOf(t)
	a := gips.Array{DType: dt, Shape: full, Strides: make([]int, len(full)), Data: make([]byte, n*t.ItemSize()+8)}
	st := t.ItemSize()
	for i := len(full) - 1; i >= 0; i-- {
		a.Strides[i] = st
		st *= full[i]
	}
	// Align the data to 8 bytes so that every plane is shared, not copied.
	a.Data = alignedBytes(n * t.ItemSize())
	idx := make([]int, len(full))
	for k := range vals {
		a.Put(vals[k], idx...)
		next(idx, full)
	}
	switch layout {
	case "pad":
		a = a.Slice(len(full)-1, 0, shape[len(shape)-1], 1)
	case "flip":
		a = a.Reverse(len(full) - 2)
		if len(full) == 3 {
			a = a.Reverse(0)
		}
	}
	return a
}

func alignedBytes(n int) []byte {
	s := make([]float64, (n+7)/8)
	return unsafeBytes(s)[:n]
}

func next(idx, shape []int) {
	for k := len(idx) - 1; k >= 0; k-- {
		idx[k]++
		if idx[k] < shape[k] {
			return
		}
		idx[k] = 0
	}
}

// cases builds every shape in every layout for type t.
func cases(t *testing.T, rng *rand.Rand, bt gips.BufferType) []testCase {
	var out []testCase
	for _, s := range shapes {
		for _, layout := range []string{"c", "pad", "flip"} {
			a := randomArray(rng, bt, s.shape, layout)
			var img *gips.Image
			var err error
			if s.multi {
				img, err = gips.FromArrayGeometry(a, gips.GeometryMultiChannel2d(bt, s.shape[2], s.shape[1], s.shape[0]))
			} else {
				img, err = gips.FromArray(a)
			}
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("%s_%s_%s", strings.ToLower(bt.String()), s.name, layout)
			out = append(out, testCase{name: name, img: img, arr: a})
		}
	}
	return out
}

// values reads an image's pixels in numpy order as float64.
func values(t *testing.T, img *gips.Image) []float64 {
	a, err := img.Array()
	if err != nil {
		t.Fatal(err)
	}
	return arrayValues(a)
}

func arrayValues(a gips.Array) []float64 {
	out := make([]float64, 0, a.Size())
	idx := make([]int, len(a.Shape))
	for n := a.Size(); n > 0; n-- {
		out = append(out, a.Get(idx...))
		next(idx, a.Shape)
	}
	return out
}

func valueRange(v []float64) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return hi - lo
}

// roundHalfAway is gips' rounding of an integer output.
func roundHalfAway(v float64) float64 { return math.Round(v) }
