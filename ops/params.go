package ops

import (
	"fmt"
	"math"
)

// Kind is the type of a parameter's value.
type Kind string

// The parameter kinds and the Go type a parsed value has in Values.
const (
	Float  Kind = "float"  // float64
	Int    Kind = "int"    // int
	Bool   Kind = "bool"   // bool
	Enum   Kind = "enum"   // string, one of Param.Choices
	Floats Kind = "floats" // []float64, per-axis: x, y, z (1 to 3 values)
	String Kind = "string" // string
)

// Param describes one parameter of an op.
//
// Per-axis vectors (Floats) are given x first, as gips sizes are (not in
// numpy's z, y, x order): "--sigma 1,1,2" is 1 along x and y, 2 along z. A
// single value stands for every axis; Values.PerAxis expands it.
type Param struct {
	Name    string   `json:"name"` // lower case, digits and '_': a Python keyword and a --flag
	Doc     string   `json:"doc"`
	Kind    Kind     `json:"kind"`
	Default any      `json:"default"`           // of the kind's Go type; nil: the parameter is required
	Min     *float64 `json:"min,omitempty"`     // inclusive bound for Float, Int and each Floats value
	Max     *float64 `json:"max,omitempty"`     // inclusive bound
	Choices []string `json:"choices,omitempty"` // for Enum; matched without regard to case
}

// Bound is a range bound for Param.Min and Param.Max: Min: ops.Bound(0).
func Bound(v float64) *float64 { return &v }

// Required reports whether the caller must give the parameter.
func (p Param) Required() bool { return p.Default == nil }

// rangeString is the allowed range or choices, for error messages.
func (p Param) rangeString() string {
	switch p.Kind {
	case Enum:
		return fmt.Sprintf("one of %q", p.Choices)
	case Bool:
		return "true or false"
	case String:
		return "a string"
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
		what = "1 to 3 comma-separated numbers (x,y,z)"
	}
	return fmt.Sprintf("%s in [%s, %s]", what, lo, hi)
}

// inRange checks one number against the bounds.
func (p Param) inRange(v float64) bool {
	if math.IsNaN(v) {
		return false
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

// Floats is a Floats parameter as given (1 to 3 values, x first).
func (v Values) Floats(name string) []float64 { return v.get(name).([]float64) }

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
