package ops

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
)

// Kind is the type of a parameter's value.
type Kind string

// The parameter kinds and the Go type a parsed value has in Values.
const (
	Float   Kind = "float"   // float64
	Int     Kind = "int"     // int
	Bool    Kind = "bool"    // bool
	Enum    Kind = "enum"    // string, one of Param.Choices
	Floats  Kind = "floats"  // []float64, per-axis: x, y, z (1 to 3 values)
	Ints    Kind = "ints"    // []int, per-axis integers: x, y, z (1 to 3 values)
	Numbers Kind = "numbers" // []float64 of any length (Param.Len fixes it): percentiles, a range, a matrix
	Array   Kind = "array"   // *gips.Image: a small array passed by value (a footprint, a kernel)
	String  Kind = "string"  // string
	Names   Kind = "names"   // []string: names, as a list or one comma-separated string (the command line's form)
)

// kinds is every Kind, for validation.
var kinds = []Kind{Float, Int, Bool, Enum, Floats, Ints, Numbers, Array, String, Names}

// PerAxisKind reports whether values of kind k are per-axis vectors, given
// x first in Go and on the command line and in numpy order (z, y, x) in
// Python, whose generated functions reverse them.
func (k Kind) PerAxisKind() bool { return k == Floats || k == Ints }

// MaxArrayElements bounds an Array parameter: a footprint or a kernel, not
// an image (pass images as inputs). It is checked before anything is
// allocated for the array.
const MaxArrayElements = 1 << 22

// Param describes one parameter of an op.
//
// Per-axis vectors (Floats, Ints) are given x first, as gips sizes are (not
// in numpy's z, y, x order): "--sigma 1,1,2" is 1 along x and y, 2 along z.
// A single value stands for every axis; Values.PerAxis expands it. Python's
// generated functions take them in numpy order and reverse them.
//
// Arrays (kind Array) are numpy-ordered nested lists in JSON and on the
// command line ("[[0,1,0],[1,1,1],[0,1,0]]"), or a file the command line
// loads (LoadArray); from Go a *gips.Image or a gips.Array.
type Param struct {
	Name    string   `json:"name"` // lower case, digits and '_': a Python keyword and a --flag
	Doc     string   `json:"doc"`
	Kind    Kind     `json:"kind"`
	Default any      `json:"default"`           // of the kind's Go type; nil: required unless Optional
	Min     *float64 `json:"min,omitempty"`     // inclusive bound for Float, Int and each Floats/Ints/Numbers value
	Max     *float64 `json:"max,omitempty"`     // inclusive bound
	Choices []string `json:"choices,omitempty"` // for Enum; matched without regard to case
	// Optional: the parameter may be absent or None (Values.IsNone); only
	// for a parameter without a Default.
	Optional bool `json:"optional,omitempty"`
	// Len fixes the number of values of a Numbers parameter (0: any number, at least one).
	Len int `json:"len,omitempty"`
}

// Bound is a range bound for Param.Min and Param.Max: Min: ops.Bound(0).
func Bound(v float64) *float64 { return &v }

// Required reports whether the caller must give the parameter.
func (p Param) Required() bool { return p.Default == nil && !p.Optional }

// rangeString is the allowed range or choices, for error messages.
func (p Param) rangeString() string {
	switch p.Kind {
	case Enum:
		return fmt.Sprintf("one of %q", p.Choices)
	case Bool:
		return "true or false"
	case String:
		return "a string"
	case Names:
		return "names, as a list or one comma-separated string"
	case Array:
		return fmt.Sprintf("an array of 1 to 3 dimensions (nested lists in numpy order, or a file), at most %d values", MaxArrayElements)
	}
	lo, hi := "-inf", "+inf"
	if p.Min != nil {
		lo = fmt.Sprint(*p.Min)
	}
	if p.Max != nil {
		hi = fmt.Sprint(*p.Max)
	}
	what := "a number"
	switch p.Kind {
	case Int:
		what = "an integer"
	case Floats:
		what = "1 to 3 comma-separated numbers, one per axis"
	case Ints:
		what = "1 to 3 comma-separated integers, one per axis"
	case Numbers:
		what = "comma-separated numbers"
		if p.Len > 0 {
			what = fmt.Sprintf("%d comma-separated numbers", p.Len)
		}
	}
	if p.Optional {
		what += " or none"
	}
	return fmt.Sprintf("%s in [%s, %s]", what, lo, hi)
}

// inRange checks one number against the bounds. NaN passes only a
// parameter without bounds (a cval may be NaN, as in scipy).
func (p Param) inRange(v float64) bool {
	if math.IsNaN(v) {
		return p.Min == nil && p.Max == nil
	}
	return (p.Min == nil || v >= *p.Min) && (p.Max == nil || v <= *p.Max)
}

// Values are an op's parsed parameters: every parameter of the op is present
// (given or defaulted) with the Go type of its Kind. Run functions read them
// with the typed getters, which panic on a name the op did not declare or
// a kind mismatch: that is a bug in the op, not in the caller's input.
type Values map[string]any

func (v Values) get(name string) any {
	x, ok := v[name]
	if !ok {
		panic(fmt.Sprintf("ops: parameter %q not declared by the op", name))
	}
	return x
}

// Float is a Float parameter.
func (v Values) Float(name string) float64 { return v.get(name).(float64) }

// Int is an Int parameter.
func (v Values) Int(name string) int { return v.get(name).(int) }

// Bool is a Bool parameter.
func (v Values) Bool(name string) bool { return v.get(name).(bool) }

// String is an Enum or String parameter (an Enum in its canonical spelling).
func (v Values) String(name string) string { return v.get(name).(string) }

// Names is a Names parameter: at least one name, each trimmed and not
// empty.
func (v Values) Names(name string) []string { return v.get(name).([]string) }

// Floats is a Floats parameter as given (1 to 3 values, x first).
func (v Values) Floats(name string) []float64 { return v.get(name).([]float64) }

// Ints is an Ints parameter as given (1 to 3 values, x first).
func (v Values) Ints(name string) []int { return v.get(name).([]int) }

// Numbers is a Numbers parameter.
func (v Values) Numbers(name string) []float64 { return v.get(name).([]float64) }

// Array is an Array parameter: a small image (2D, or a volume for a 3D
// array) holding the values, Real64 unless the caller passed an image of
// another type.
func (v Values) Array(name string) *gips.Image { return v.get(name).(*gips.Image) }

// IsNone reports whether an Optional parameter was left out (or None).
func (v Values) IsNone(name string) bool { return v.get(name) == nil }

// PerAxis is a Floats parameter for an image of n axes (2 or 3): one value
// is repeated, n values are used as they are (x first); any other count is
// an error naming the parameter.
func (v Values) PerAxis(name string, n int) ([]float64, error) {
	f := v.Floats(name)
	switch len(f) {
	case n:
		return append([]float64(nil), f...), nil
	case 1:
		out := make([]float64, n)
		for i := range out {
			out[i] = f[0]
		}
		return out, nil
	}
	return nil, fmt.Errorf("parameter %s: %d values for a %dD image: give 1 or %d: %w", name, len(f), n, n, ErrParam)
}

// PerAxisInts is PerAxis for an Ints parameter.
func (v Values) PerAxisInts(name string, n int) ([]int, error) {
	f := v.Ints(name)
	switch len(f) {
	case n:
		return append([]int(nil), f...), nil
	case 1:
		out := make([]int, n)
		for i := range out {
			out[i] = f[0]
		}
		return out, nil
	}
	return nil, fmt.Errorf("parameter %s: %d values for a %dD image: give 1 or %d: %w", name, len(f), n, n, ErrParam)
}
