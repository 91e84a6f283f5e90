package ops

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
)

// testOp doubles a UInt8 image; it has one parameter of each kind.
var testOp = &Op{
	Name:   "test.double",
	Doc:    "Doubles every pixel (test op).",
	Inputs: []Input{{Name: "image", Types: []gips.BufferType{gips.UInt8}}},
	Params: []Param{
		{Name: "sigma", Kind: Floats, Default: []float64{1}, Min: Bound(0)},
		{Name: "size", Kind: Int, Default: 3, Min: Bound(1), Max: Bound(99)},
		{Name: "gain", Kind: Float, Default: 1.0},
		{Name: "fast", Kind: Bool, Default: false},
		{Name: "mode", Kind: Enum, Default: "reflect", Choices: []string{"reflect", "nearest"}},
		{Name: "note", Kind: String, Default: ""},
	},
	Output:  SameAsFirst,
	InPlace: true,
	Halo:    func(_ []gips.Geometry, p Values) [3]int { return [3]int{p.Int("size"), p.Int("size"), 0} },
	Run: func(in []*gips.Image, out *gips.Image, p Values) (Result, error) {
		src, _ := gips.Planes[uint8](in[0])
		dst, _ := gips.WritablePlanes[uint8](out)
		for i := range src {
			for y := range src[i].Height {
				d := dst[i].Row(y)
				for x, v := range src[i].Row(y) {
					d[x] = 2 * v
				}
			}
		}
		return ImageResult(out), nil
	},
}

func init() { Register(testOp) }

func TestParseFillsDefaultsAndConvertsJSON(t *testing.T) {
	var m map[string]any
	if err := json.Unmarshal([]byte(`{"sigma": [1, 2.5, 3], "size": 5, "fast": true, "mode": "NEAREST"}`), &m); err != nil {
		t.Fatal(err)
	}
	v, err := testOp.Parse(m)
	if err != nil {
		t.Fatal(err)
	}
	want := Values{"sigma": []float64{1, 2.5, 3}, "size": 5, "gain": 1.0, "fast": true, "mode": "nearest", "note": ""}
	if !reflect.DeepEqual(v, want) {
		t.Fatalf("got %v, want %v", v, want)
	}
	if ax, err := v.PerAxis("sigma", 2); err == nil {
		t.Fatalf("3 sigmas for 2 axes: got %v, want an error", ax)
	}
	v, _ = testOp.Parse(nil)
	if ax, _ := v.PerAxis("sigma", 3); !reflect.DeepEqual(ax, []float64{1, 1, 1}) {
		t.Fatalf("PerAxis of one value = %v", ax)
	}
}

func TestParseArgsFromCommandLine(t *testing.T) {
	v, rest, err := testOp.ParseArgs([]string{"in.tif", "--sigma", "1,1,2", "--fast", "--size=7", "--mode", "reflect", "b.tif"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rest, []string{"in.tif", "b.tif"}) || !v.Bool("fast") || v.Int("size") != 7 ||
		!reflect.DeepEqual(v.Floats("sigma"), []float64{1, 1, 2}) {
		t.Fatalf("got %v rest %v", v, rest)
	}
	v, _, err = testOp.ParseArgs([]string{"--fast", "no"})
	if err != nil || v.Bool("fast") {
		t.Fatalf("--fast no: %v %v", v, err)
	}
}

func TestBadParametersNameOpParameterAndRange(t *testing.T) {
	for _, c := range []struct {
		m    map[string]any
		want string
	}{
		{map[string]any{"size": 0}, "test.double: parameter size: 0 is out of range: want an integer in [1, 99]"},
		{map[string]any{"size": 2.5}, "parameter size: 2.5 is not an integer"},
		{map[string]any{"size": "x"}, `parameter size: "x" is not an integer`},
		{map[string]any{"sigma": "1,-1"}, "parameter sigma: \"1,-1\" is out of range: want 1 to 3 comma-separated numbers, one per axis in [0, +inf]"},
		{map[string]any{"sigma": []any{1.0, 2.0, 3.0, 4.0}}, "has 4 values"},
		{map[string]any{"mode": "wrap"}, `parameter mode: "wrap" is not a choice: want one of ["reflect" "nearest"]`},
		{map[string]any{"fast": "maybe"}, "is not a boolean"},
		{map[string]any{"sigma": "NaN"}, "parameter sigma"}, // NaN passes only unbounded parameters (cval)
		{map[string]any{"sigmaa": 1}, `test.double: unknown parameter "sigmaa" (the op takes sigma, size, gain, fast, mode, note)`},
	} {
		_, err := testOp.Parse(c.m)
		if err == nil || !errors.Is(err, ErrParam) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%v) = %v, want an ErrParam containing %q", c.m, err, c.want)
		}
	}
	if _, _, err := testOp.ParseArgs([]string{"--nope", "1"}); !errors.Is(err, ErrParam) {
		t.Errorf("unknown --nope: %v", err)
	}
}

func TestCallChecksInputsAndOutput(t *testing.T) {
	img, _ := gips.FromArray(gips.ArrayOf([]uint8{1, 2, 3, 4, 5, 6}, 2, 3))
	res, err := Call("test.double", []*gips.Image{img}, nil, nil)
	if err != nil || res.Image.Geometry() != img.Geometry() {
		t.Fatalf("Call: %v %v", res, err)
	}
	if v := res.Image.PlaneArrays()[0].Get(1, 2); v != 12 {
		t.Fatalf("out[1,2] = %v, want 12", v)
	}
	if _, err := Call("test.nope", nil, nil, nil); !errors.Is(err, ErrUnknownOp) {
		t.Errorf("unknown op: %v", err)
	}
	if _, err := Call("test.double", nil, nil, nil); !errors.Is(err, ErrInput) {
		t.Errorf("no input: %v", err)
	}
	f, _ := gips.FromArray(gips.ArrayOf([]float32{1, 2}, 1, 2))
	if _, err := Call("test.double", []*gips.Image{f}, nil, nil); !errors.Is(err, ErrInput) || !errors.Is(err, gips.ErrBufferType) {
		t.Errorf("float input: %v", err)
	}
	small, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 2, 2))
	if _, err := Call("test.double", []*gips.Image{img}, small, nil); !errors.Is(err, ErrOutput) {
		t.Errorf("output of other size: %v", err)
	}
	ro := gips.ArrayOf([]uint8{1, 2, 3, 4, 5, 6}, 2, 3)
	ro.ReadOnly = true
	roImg, _ := gips.FromArray(ro)
	if _, err := Call("test.double", []*gips.Image{img}, roImg, nil); !errors.Is(err, ErrOutput) || !errors.Is(err, gips.ErrReadOnly) {
		t.Errorf("read-only output: %v", err)
	}
	// In place, pixel for pixel: allowed.
	if _, err := Call("test.double", []*gips.Image{img}, img, nil); err != nil {
		t.Errorf("in place: %v", err)
	}
	if v := img.PlaneArrays()[0].Get(0, 0); v != 2 {
		t.Errorf("in place: img[0,0] = %v, want 2", v)
	}
	// A shifted view of the same memory: refused.
	big, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 4, 3))
	a, _ := big.Region2d(0, 0, 3, 3)
	b, _ := big.Region2d(1, 0, 3, 3)
	if _, err := Call("test.double", []*gips.Image{a}, b, nil); !errors.Is(err, ErrOutput) {
		t.Errorf("shifted overlap: %v", err)
	}
	// A flipped view of the same pixels: also refused (not pixel for pixel).
	arr := gips.ArrayOf(make([]uint8, 12), 4, 3)
	x, _ := gips.FromArray(arr)
	y, _ := gips.FromArray(arr.Reverse(0))
	if _, err := Call("test.double", []*gips.Image{x}, y, nil); !errors.Is(err, ErrOutput) {
		t.Errorf("flipped overlap: %v", err)
	}
	gBig := gips.Geometry2d(gips.UInt8, 40, 30)
	if h, err := Halo("test.double", []gips.Geometry{gBig}, map[string]any{"size": 4}); err != nil || h != [3]int{4, 4, 0} {
		t.Errorf("Halo = %v %v", h, err)
	}
	// A halo never exceeds what the image can give: size 99 on a 5x3 image.
	gSmall := gips.Geometry2d(gips.UInt8, 5, 3)
	if h, err := Halo("test.double", []gips.Geometry{gSmall}, map[string]any{"size": 99}); err != nil || h != [3]int{4, 2, 0} {
		t.Errorf("Halo on 5x3 = %v %v, want [4 2 0]", h, err)
	}
}

func TestRegisterPanicsOnDuplicateAndMalformed(t *testing.T) {
	for name, op := range map[string]*Op{
		"duplicate":   testOp,
		"bad name":    {Name: "Double", Run: testOp.Run, Output: SameAsFirst},
		"no run":      {Name: "test.x", Output: SameAsFirst},
		"bad default": {Name: "test.y", Run: testOp.Run, Output: SameAsFirst, Params: []Param{{Name: "n", Kind: Int, Default: 0, Min: Bound(1)}}},
		"no result":   {Name: "test.z", Run: testOp.Run},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: Register did not panic", name)
				}
			}()
			Register(op)
		}()
	}
}

func TestDescribeAndResultJSON(t *testing.T) {
	b, err := Describe()
	if err != nil {
		t.Fatal(err)
	}
	var all []map[string]any
	if err := json.Unmarshal(b, &all); err != nil {
		t.Fatal(err)
	}
	var found map[string]any
	for _, d := range all {
		if d["name"] == "test.double" {
			found = d
		}
	}
	if found == nil || found["family"] != "test" || found["returns"] != "image" || found["halo"] != true {
		t.Fatalf("description: %v", found)
	}
	p := found["params"].([]any)[1].(map[string]any)
	if p["name"] != "size" || p["kind"] != "int" || p["min"] != 1.0 || p["max"] != 99.0 || p["default"] != 3.0 {
		t.Fatalf("param size: %v", p)
	}
	for _, c := range []struct {
		r    Result
		want string
	}{
		{NumberResult(2.5), `{"kind":"number","value":2.5}`},
		{RecordResult(Field{"min", 0}, Field{"mean", nan()}), `{"kind":"record","value":{"min":0,"mean":"NaN"}}`},
		{VectorResult([]float64{1, 2}), `{"kind":"vector","value":[1,2]}`},
		{HistogramResult([]int64{3, 4}, []float64{0, 1, 2}), `{"kind":"histogram","value":{"counts":[3,4],"edges":[0,1,2]}}`},
	} {
		got, err := json.Marshal(c.r)
		if err != nil || string(got) != c.want {
			t.Errorf("JSON %v = %s %v, want %s", c.r, got, err, c.want)
		}
	}
}

func nan() float64 { var z float64; return z / z }

// TestEraseImgFillsItsInputInPlace: the reference SDK's eraseImg modifies its
// image; with no output given, Call writes into the input on every surface.

// The overlap check past the few planes it keeps on the stack: a volume of
// 6 planes in place is accepted, and the same memory shifted by one plane
// (plane i of the output is plane i+1 of the input) is refused.
func TestOutputOverlapManyPlanes(t *testing.T) {
	big, _ := gips.CreateImage(gips.Geometry3d(gips.UInt8, 3, 2, 7))
	a, _ := big.Region(0, 0, 0, 3, 2, 6)
	b, _ := big.Region(0, 0, 1, 3, 2, 6)
	if _, err := Call("test.double", []*gips.Image{a}, a, nil); err != nil {
		t.Errorf("6 planes in place: %v", err)
	}
	if _, err := Call("test.double", []*gips.Image{a}, b, nil); !errors.Is(err, ErrOutput) {
		t.Errorf("6 planes shifted by one: %v, want an output error", err)
	}
	other, _ := gips.CreateImage(gips.Geometry3d(gips.UInt8, 3, 2, 6))
	if _, err := Call("test.double", []*gips.Image{a}, other, nil); err != nil {
		t.Errorf("6 planes, separate output: %v", err)
	}
}
