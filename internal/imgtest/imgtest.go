// Package imgtest builds test images of every buffer type in the plane
// layouts the core accepts (contiguous, padded, flipped, planes reversed,
// x reversed (copied), multi-channel, a time series, 1x1) with random and
// edge-case values, and compares pointwise ops with numpy through
// internal/testref: one Python run per call, every type and layout at once.
package imgtest

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testref"
)

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

// Make returns an image of type t in layout l and the array view of its
// memory (numpy order), filled with random values from rng that include
// the type's edge values. The image shares the array's memory except for
// planes the core had to copy; call img.Sync before reading the array.
func Make(t gips.BufferType, l Layout, rng *rand.Rand) (*gips.Image, gips.Array) {
	base := alloc(t, l.Base)
	a := l.View(base)
	fill(a, t, rng)
	img, err := gips.FromArrayGeometry(a, l.Geom(t, l.Shape))
	if err != nil {
		panic(fmt.Sprintf("imgtest: %v %s: %v", t, l.Name, err))
	}
	return img, a
}

func alloc(t gips.BufferType, shape []int) gips.Array {
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

// Edges are the values every test image contains for type t.
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

// fill writes random values: a uniform draw over the type's range for
// integers (a small range for Binary), a spread of magnitudes for floats,
// with about one pixel in eight an edge value.
func fill(a gips.Array, t gips.BufferType, rng *rand.Rand) {
	edges := Edges(t)
	lo, hi := t.Range()
	idx := make([]int, len(a.Shape))
	for n := a.Size(); n > 0; n-- {
		var v float64
		switch {
		case rng.IntN(8) == 0:
			v = edges[rng.IntN(len(edges))]
		case t == gips.Binary:
			v = float64(rng.IntN(2))
		case t.IsFloat():
			v = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(7)-3))
		default:
			v = math.Floor(lo + rng.Float64()*(hi-lo+1))
		}
		a.Put(v, idx...)
		for k := len(idx) - 1; k >= 0; k-- {
			idx[k]++
			if idx[k] < a.Shape[k] {
				break
			}
			idx[k] = 0
		}
	}
}

// Case is one buffer type in one layout: the inputs of an op, and the
// output it writes.
type Case struct {
	Key    string // type_layout, also the key in numpy's dicts
	Type   gips.BufferType
	Layout Layout
	In     []*gips.Image
	rng    *rand.Rand
	out    *gips.Image
	outArr gips.Array
}

// Out makes the output image of type t, in the case's layout (a flipped
// or padded output when the inputs are).
func (c *Case) Out(t gips.BufferType) *gips.Image {
	c.out, c.outArr = Make(t, c.Layout, c.rng)
	return c.out
}

// Prelude is Python that every script can use: rnd rounds half away from
// zero exactly; sat converts to a dtype as gips.Saturate does (NaN to 0,
// rnd, clip) for integers and by astype for floats.
const Prelude = `
np.seterr(all="ignore")
def rnd(x):
    x = np.asarray(x, dtype=np.float64)
    m = np.abs(x)
    f = np.floor(m)
    return np.copysign(f + (m - f >= 0.5), x)
def sat(x, dt):
    dt = np.dtype(dt)
    if dt.kind == "f":
        return np.asarray(x).astype(dt)
    info = np.iinfo(dt)
    if np.asarray(x).dtype.kind in "iu":
        return np.clip(x, info.min, info.max).astype(dt)
    x = np.asarray(x, dtype=np.float64)
    return np.clip(rnd(np.where(np.isnan(x), 0, x)), info.min, info.max).astype(dt)
`

// CompareWithNumpy builds nIn inputs of each type in each layout, runs op
// on each case (op makes its output with c.Out), and compares every output
// pixel with numpy's. script defines f(inputs, dtype) returning the
// expected array, where inputs is the list of input arrays (numpy order,
// C-contiguous, the stored dtype; Binary as uint8) and dtype the case's.
// Equality is exact, NaN equal to NaN.
func CompareWithNumpy(t *testing.T, types []gips.BufferType, nIn int, script string, op func(c *Case) error) {
	t.Helper()
	CompareInputs(t, types, func(bt gips.BufferType) []gips.BufferType {
		in := make([]gips.BufferType, nIn)
		for i := range in {
			in[i] = bt
		}
		return in
	}, script, op)
}

// CompareInputs is CompareWithNumpy for ops whose inputs differ in type
// (a Binary mask, say): inTypes gives the input types of the case of type
// bt, and the case's Type is bt.
func CompareInputs(t *testing.T, types []gips.BufferType, inTypes func(bt gips.BufferType) []gips.BufferType, script string, op func(c *Case) error) {
	t.Helper()
	CompareVariants(t, []string{""}, types, inTypes, script+"\nf0 = f\ndef f(x, dt, variant): return f0(x, dt)\n",
		func(_ string, c *Case) error { return op(c) })
}

// CompareVariants runs several variants of an op (output types, modes,
// parameters) on the same inputs in one Python run: script defines
// f(inputs, dtype, variant) and op gets the variant with each case.
func CompareVariants(t *testing.T, variants []string, types []gips.BufferType, inTypes func(bt gips.BufferType) []gips.BufferType,
	script string, op func(variant string, c *Case) error) {
	t.Helper()
	inp := map[string]gips.Array{}
	var cases []*Case
	nIn := 0
	for ti, bt := range types {
		for li, l := range Layouts {
			c := &Case{Key: bt.String() + "_" + strings.ReplaceAll(l.Name, "-", "_"), Type: bt, Layout: l,
				rng: rand.New(rand.NewPCG(uint64(ti), uint64(li)))}
			its := inTypes(bt)
			nIn = len(its)
			for k, it := range its {
				img, arr := Make(it, l, c.rng)
				c.In = append(c.In, img)
				inp[fmt.Sprintf("%s__%d", c.Key, k)] = arr
			}
			cases = append(cases, c)
		}
	}
	keys := make([]string, len(cases))
	for i, c := range cases {
		keys[i] = c.Key
	}
	sort.Strings(keys)
	prog := Prelude + script + fmt.Sprintf(`
for k in %s:
    ins = [inp["%%s__%%d" %% (k, i)] for i in range(%d)]
    case_type = k.split("_")[0]
    for _variant in %s:
        out[_variant + "__" + k] = f(ins, ins[0].dtype, _variant)
`, pyList(keys), nIn, pyList(variants))
	ref := testref.Run(t, prog, inp)
	for _, v := range variants {
		for _, c := range cases {
			c.out = nil
			name := v + "__" + c.Key
			if err := op(v, c); err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if c.out == nil {
				t.Fatalf("%s: the op made no output (use c.Out)", name)
			}
			if err := c.out.Sync(); err != nil {
				t.Fatalf("%s: sync: %v", name, err)
			}
			Equal(t, name, c.outArr, ref[name])
		}
	}
}

func pyList(s []string) string {
	q := make([]string, len(s))
	for i, k := range s {
		q[i] = fmt.Sprintf("%q", k)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// Equal fails t unless got and want have one shape and equal values (NaN
// equals NaN). It reports the number of differences and the first few.
func Equal(t *testing.T, name string, got, want gips.Array) {
	t.Helper()
	if fmt.Sprint(got.Shape) != fmt.Sprint(want.Shape) {
		t.Errorf("%s: shape %v, numpy %v", name, got.Shape, want.Shape)
		return
	}
	idx := make([]int, len(got.Shape))
	isz := got.DType.ItemSize()
	same := got.DType.Native() && want.DType.Native() && isz == want.DType.ItemSize() && got.DType[1] == want.DType[1]
	bad := 0
	var first []string
	for n := got.Size(); n > 0; n-- {
		og, ow := got.ByteOffset(idx...), want.ByteOffset(idx...)
		// The same bytes are equal values (the common case, without Get's
		// conversions); other bytes may still be equal values (NaNs).
		if !same || !bytes.Equal(got.Data[og:og+isz], want.Data[ow:ow+isz]) {
			if g, w := got.Get(idx...), want.Get(idx...); g != w && !(g != g && w != w) {
				bad++
				if len(first) < 5 {
					first = append(first, fmt.Sprintf("at %v got %v want %v", idx, g, w))
				}
			}
		}
		for k := len(idx) - 1; k >= 0; k-- {
			idx[k]++
			if idx[k] < got.Shape[k] {
				break
			}
			idx[k] = 0
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d pixels differ from numpy: %s", name, bad, got.Size(), strings.Join(first, "; "))
	}
}
