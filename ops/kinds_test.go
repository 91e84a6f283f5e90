package ops

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
)

// kindsOp has one parameter of each kind added for the morphology,
// segmentation and transform families.
var kindsOp = &Op{
	Name:    "test.kinds",
	Doc:     "Parameter kinds (test op).",
	Inputs:  []Input{{Name: "image"}},
	Returns: ResultNumber,
	Params: []Param{
		{Name: "size", Kind: Ints, Default: []int{3}, Min: Bound(1)},
		{Name: "q", Kind: Numbers, Default: []float64{50}, Min: Bound(0), Max: Bound(100)},
		{Name: "range", Kind: Numbers, Len: 2, Optional: true},
		{Name: "footprint", Kind: Array, Optional: true},
		{Name: "value", Kind: Float, Default: 0.0},
		{Name: "columns", Kind: Names, Default: "all"},
	},
	Run: func([]*gips.Image, *gips.Image, Values) (Result, error) { return NumberResult(0), nil },
}

func init() { Register(kindsOp) }

func TestIntegerListsAreIntegers(t *testing.T) {
	var m map[string]any
	json.Unmarshal([]byte(`{"size": [3, 5.0, 7]}`), &m)
	v, err := kindsOp.Parse(m)
	if err != nil || !reflect.DeepEqual(v.Ints("size"), []int{3, 5, 7}) {
		t.Fatalf("size [3, 5.0, 7]: %v %v", v, err)
	}
	if v, _ := kindsOp.Parse(map[string]any{"size": "4"}); !reflect.DeepEqual(v.Ints("size"), []int{4}) {
		t.Errorf("size \"4\": %v", v)
	}
	for _, bad := range []any{2.5, "3,x", []any{1.0, 2.0, 3.0, 4.0}, 0} {
		if _, err := kindsOp.Parse(map[string]any{"size": bad}); !errors.Is(err, ErrParam) || !strings.Contains(err.Error(), "parameter size") {
			t.Errorf("size %v: %v, want an error naming size", bad, err)
		}
	}
	if p, _ := kindsOp.Parse(nil); !reflect.DeepEqual(mustAxes(p.PerAxisInts("size", 3)), []int{3, 3, 3}) {
		t.Error("one size does not stand for every axis")
	}
}

func mustAxes(v []int, err error) []int {
	if err != nil {
		return nil
	}
	return v
}

func TestNumbersOfAnyLengthAndOptionalValues(t *testing.T) {
	for _, q := range []any{[]float64{25, 75, 90, 99}, "25,75,90,99", "[25, 75, 90, 99]", []any{25.0, 75.0, 90.0, 99.0}} {
		v, err := kindsOp.Parse(map[string]any{"q": q})
		if err != nil || !reflect.DeepEqual(v.Numbers("q"), []float64{25, 75, 90, 99}) {
			t.Errorf("q %v: %v %v", q, v, err)
		}
	}
	if _, err := kindsOp.Parse(map[string]any{"q": "[]"}); !errors.Is(err, ErrParam) {
		t.Errorf("empty q: %v", err)
	}
	if _, err := kindsOp.Parse(map[string]any{"q": "50,101"}); !errors.Is(err, ErrParam) {
		t.Errorf("q 101: %v", err)
	}
	v, err := kindsOp.Parse(map[string]any{"range": "(0, 100)"})
	if err != nil || !reflect.DeepEqual(v.Numbers("range"), []float64{0, 100}) || v.IsNone("range") {
		t.Errorf("range (0, 100): %v %v", v, err)
	}
	if _, err := kindsOp.Parse(map[string]any{"range": "0,1,2"}); !errors.Is(err, ErrParam) || !strings.Contains(err.Error(), "2 comma-separated numbers") {
		t.Errorf("range of 3: %v", err)
	}
	for _, none := range []any{nil, "none", "None"} {
		v, err := kindsOp.Parse(map[string]any{"range": none, "footprint": none})
		if err != nil || !v.IsNone("range") || !v.IsNone("footprint") {
			t.Errorf("range %v: %v %v, want None", none, v, err)
		}
	}
	if v, err := kindsOp.Parse(nil); err != nil || !v.IsNone("range") {
		t.Errorf("range left out: %v %v", v, err)
	}
}

// TestNamesAsAListOrOneString: a list of names (Python's list or tuple,
// JSON's array) and the command line's comma-separated string give the same
// names, trimmed; what is neither is refused by name.
func TestNamesAsAListOrOneString(t *testing.T) {
	want := []string{"area", "centroidX"}
	var fromJSON map[string]any
	json.Unmarshal([]byte(`{"columns": ["area", " centroidX"]}`), &fromJSON)
	for _, x := range []any{"area,centroidX", " area , centroidX,", []string{"area", "centroidX"}, fromJSON["columns"]} {
		v, err := kindsOp.Parse(map[string]any{"columns": x})
		if err != nil || !reflect.DeepEqual(v.Names("columns"), want) {
			t.Errorf("columns %#v: %v %v, want %q", x, v, err, want)
		}
	}
	if v, err := kindsOp.Parse(nil); err != nil || !reflect.DeepEqual(v.Names("columns"), []string{"all"}) {
		t.Errorf("default: %v %v", v, err)
	}
	for _, bad := range []any{"", " , ", []any{}, []any{"area", 2.0}, 3.0, []any{[]any{"area"}}} {
		if _, err := kindsOp.Parse(map[string]any{"columns": bad}); !errors.Is(err, ErrParam) || !strings.Contains(err.Error(), "parameter columns") {
			t.Errorf("columns %#v: %v, want an error naming columns", bad, err)
		}
	}
}

// TestNonFiniteNumbersTravel: JSON has no NaN or infinity, so the C API and
// Python send them as strings; a bounded parameter still refuses NaN.
func TestNonFiniteNumbersTravel(t *testing.T) {
	for s, want := range map[string]float64{"Inf": math.Inf(1), "-Inf": math.Inf(-1), "inf": math.Inf(1), "NaN": math.NaN()} {
		v, err := kindsOp.Parse(map[string]any{"value": s})
		if err != nil {
			t.Errorf("value %s: %v", s, err)
			continue
		}
		if got := v.Float("value"); got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("value %s = %v", s, got)
		}
	}
	if _, err := kindsOp.Parse(map[string]any{"q": "NaN"}); !errors.Is(err, ErrParam) {
		t.Errorf("q NaN (bounded): %v", err)
	}
}

func TestArraysByValue(t *testing.T) {
	var m map[string]any
	json.Unmarshal([]byte(`{"footprint": [[0, 1, 0, 0], [1, 1, 1, 0], [0, 1, 0, 1]]}`), &m)
	// The packed form: base64 of the little-endian float64 values.
	packed := func(vals ...float64) string {
		b := make([]byte, 0, 8*len(vals))
		for _, v := range vals {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
		return base64.StdEncoding.EncodeToString(b)
	}
	bytes := func(vals ...byte) string { return base64.StdEncoding.EncodeToString(vals) } // one byte a value
	for _, fp := range []any{m["footprint"], "[[0,1,0,0],[1,1,1,0],[0,1,0,1]]",
		map[string]any{"shape": []any{3.0, 4.0}, "data": []any{0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1}},
		map[string]any{"shape": []any{3.0, 4.0}, "f64le": packed(0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1)},
		map[string]any{"shape": []any{3.0, 4.0}, "u8": bytes(0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1)}} {
		v, err := kindsOp.Parse(map[string]any{"footprint": fp})
		if err != nil {
			t.Fatalf("footprint %v: %v", fp, err)
		}
		img := v.Array("footprint")
		g := img.Geometry()
		if g.SizeX != 4 || g.SizeY != 3 || g.Volume { // numpy order: 3 rows of 4
			t.Fatalf("footprint %v: geometry %v, want 4x3", fp, g)
		}
		a, _ := img.Array()
		if a.Get(2, 3) != 1 || a.Get(0, 3) != 0 || a.Get(1, 0) != 1 {
			t.Errorf("footprint %v: values in the wrong places", fp)
		}
	}
	if v, err := kindsOp.Parse(map[string]any{"footprint": map[string]any{"shape": []any{1.0, 3.0}, "u8": bytes(0, 7, 255)}}); err != nil {
		t.Errorf("u8 values: %v", err)
	} else if a, _ := v.Array("footprint").Array(); a.Get(0, 0) != 0 || a.Get(0, 1) != 7 || a.Get(0, 2) != 255 {
		t.Errorf("u8 values 0 7 255 read as %v %v %v", a.Get(0, 0), a.Get(0, 1), a.Get(0, 2))
	}
	v, err := kindsOp.Parse(map[string]any{"footprint": "[[[1],[1]],[[1],[0]]]"})
	if g := v.Array("footprint").Geometry(); err != nil || !g.Volume || g.SizeX != 1 || g.SizeY != 2 || g.SizeZ != 2 {
		t.Errorf("3D footprint: %v %v", g, err)
	}
	for name, bad := range map[string]any{
		"ragged":       "[[1,1],[1]]",
		"4D":           "[[[[1]]]]",
		"text":         `[["a"]]`,
		"empty":        "[[]]",
		"huge flat":    map[string]any{"shape": []any{4096.0, 4096.0, 4096.0}, "data": []any{}},
		"huge packed":  map[string]any{"shape": []any{4096.0, 4096.0, 4096.0}, "f64le": packed(1)},
		"short packed": map[string]any{"shape": []any{2.0, 2.0}, "f64le": packed(1, 0, 1)},
		"long packed":  map[string]any{"shape": []any{1.0, 2.0}, "f64le": packed(1, 0, 1)},
		"bad base64":   map[string]any{"shape": []any{1.0, 1.0}, "f64le": "!!!!!!!!!!!="},
		"huge bytes":   map[string]any{"shape": []any{4096.0, 4096.0, 4096.0}, "u8": bytes(1)},
		"short bytes":  map[string]any{"shape": []any{2.0, 2.0}, "u8": bytes(1, 0, 1)},
		"long bytes":   map[string]any{"shape": []any{1.0, 2.0}, "u8": bytes(1, 0, 1)},
		"bad bytes":    map[string]any{"shape": []any{2.0, 2.0}, "u8": "!!!!!!!="},
		"not array":    3.0,
	} {
		if _, err := kindsOp.Parse(map[string]any{"footprint": bad}); !errors.Is(err, ErrParam) || !strings.Contains(err.Error(), "parameter footprint") {
			t.Errorf("%s footprint: %v, want an error naming footprint", name, err)
		}
	}
	// From Go: an image is taken as it is.
	se, _ := gips.CreateImage(gips.Geometry2d(gips.Binary, 3, 3))
	if v, err := kindsOp.Parse(map[string]any{"footprint": se}); err != nil || v.Array("footprint") != se {
		t.Errorf("image footprint: %v", err)
	}
	// On a command line, a name that is not a literal is a file, read by
	// the loader the gips command installs.
	LoadArray = func(path string) (*gips.Image, error) {
		if path != "se.npy" {
			return nil, errors.New("no such file")
		}
		return se, nil
	}
	defer func() { LoadArray = nil }()
	if v, _, err := kindsOp.ParseArgs([]string{"--footprint", "se.npy"}); err != nil || v.Array("footprint") != se {
		t.Errorf("--footprint se.npy: %v", err)
	}
	if _, _, err := kindsOp.ParseArgs([]string{"--footprint", "nope.npy"}); !errors.Is(err, ErrParam) {
		t.Errorf("--footprint nope.npy: %v", err)
	}
}
