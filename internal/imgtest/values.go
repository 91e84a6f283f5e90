package imgtest

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
)

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
	raw := got.DType.Native() && want.DType.Native() && isz == want.DType.ItemSize() && got.DType[1] == want.DType[1]
	bad := 0
	var first []string
	for n := got.Size(); n > 0; n-- {
		og, ow := got.ByteOffset(idx...), want.ByteOffset(idx...)
		// The same bytes are equal values (the common case, without Get's
		// conversions); other bytes may still be equal values (NaNs).
		if !raw || !bytes.Equal(got.Data[og:og+isz], want.Data[ow:ow+isz]) {
			if g, w := got.Get(idx...), want.Get(idx...); g != w && !(g != g && w != w) {
				bad++
				if len(first) < 5 {
					first = append(first, fmt.Sprintf("at %v got %v want %v", idx, g, w))
				}
			}
		}
		Next(idx, got.Shape)
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d pixels differ from numpy: %s", name, bad, got.Size(), strings.Join(first, "; "))
	}
}
