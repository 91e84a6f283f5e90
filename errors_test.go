package gips

import (
	"errors"
	"fmt"
	"testing"
)

// TestFamilyParamIsErrParam: a family's own parameter sentinel is found by
// errors.Is under its own name and as ErrParam (the C API's ValueError),
// and reads as its own text.
func TestFamilyParamIsErrParam(t *testing.T) {
	fam := NewErrParam("invalid measure parameter")
	err := fmt.Errorf("measures: %q: unknown measure: %w", "nope", fam)
	if !errors.Is(err, fam) || !errors.Is(err, ErrParam) {
		t.Errorf("%v: errors.Is family %v, ErrParam %v", err, errors.Is(err, fam), errors.Is(err, ErrParam))
	}
	if errors.Is(err, NewErrParam("invalid measure parameter")) {
		t.Error("two sentinels of one text are the same error")
	}
	if want := `measures: "nope": unknown measure: invalid measure parameter`; err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
	if errors.Is(fmt.Errorf("x: %w", ErrShape), fam) {
		t.Error("another sentinel is the family's")
	}
}
