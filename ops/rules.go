package ops

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// Output rules and checks that many ops share.

// SameAsFirst is the Output rule of pointwise ops: every input has the
// sizes and buffer type of the first, and so has the output.
func SameAsFirst(in []gips.Geometry, _ Values) (gips.Geometry, error) {
	if err := SameSizes(in); err != nil {
		return gips.Geometry{}, err
	}
	for i, g := range in[1:] {
		if g.Type != in[0].Type {
			return gips.Geometry{}, fmt.Errorf("input %d is %v, input 0 %v: the types must be equal (convert first): %w", i+1, g.Type, in[0].Type, ErrInput)
		}
	}
	return in[0], nil
}

// SameSizes checks that every input has the sizes of the first (x, y, z,
// channels, time); their types may differ.
func SameSizes(in []gips.Geometry) error {
	if len(in) == 0 {
		return fmt.Errorf("no input image: %w", ErrInput)
	}
	a := in[0]
	for i, g := range in[1:] {
		if !g.SameSizes(a) {
			return fmt.Errorf("input %d is %v, input 0 %v: the sizes must be equal: %w", i+1, g, a, ErrInput)
		}
	}
	return nil
}

// OfType is an Output rule: the first input's geometry with buffer type t.
func OfType(t gips.BufferType) func([]gips.Geometry, Values) (gips.Geometry, error) {
	return func(in []gips.Geometry, _ Values) (gips.Geometry, error) {
		if err := SameSizes(in); err != nil {
			return gips.Geometry{}, err
		}
		return in[0].WithType(t), nil
	}
}

// TypeNames is the choices of an Enum parameter that names a buffer type
// (the Values hold the canonical name; gips.ParseBufferType reads it).
func TypeNames(types []gips.BufferType) []string {
	out := make([]string, len(types))
	for i, t := range types {
		out[i] = t.String()
	}
	return out
}
