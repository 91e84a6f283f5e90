package threshold

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestRangeMatchesBruteForce8Bit: every pair of whole bounds from one
// below the type's range to one above it (empty ranges, lo = the minimum,
// hi = the maximum, single values), on a row of every value plus a tail
// that is not a whole word, for UInt8 and Int8; each output byte must be
// lo <= v <= hi.
func TestRangeMatchesBruteForce8Bit(t *testing.T) {
	for _, bt := range []gips.BufferType{gips.UInt8, gips.Int8} {
		tlo, thi := bt.Range()
		vals := make([]float64, 0, 256+13)
		for v := tlo; v <= thi; v++ {
			vals = append(vals, v)
		}
		for k := range 13 { // the tail: extremes and the middle
			vals = append(vals, []float64{tlo, thi, tlo + 127, tlo + 128}[k%4])
		}
		img := imageOf(t, bt, vals, len(vals), 1)
		out, err := gips.CreateImage(img.Geometry().WithType(gips.Binary))
		if err != nil {
			t.Fatal(err)
		}
		for lo := tlo - 1; lo <= thi+1; lo++ {
			for hi := tlo - 1; hi <= thi+1; hi++ {
				if err := RangeInto(out, img, lo, hi); err != nil {
					t.Fatal(err)
				}
				if !checkRange(t, fmt.Sprintf("%v [%v, %v]", bt, lo, hi), out.Row(0, 0), vals, lo, hi) {
					return
				}
			}
		}
	}
}

// TestRangeMatchesBruteForce16Bit: bounds at and next to the lane edges
// (the extremes, 0, the sign and byte boundaries) and random ones, on
// images of those values and random ones, rows of 61 pixels.
func TestRangeMatchesBruteForce16Bit(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, bt := range []gips.BufferType{gips.UInt16, gips.Int16} {
		tlo, thi := bt.Range()
		edges := []float64{tlo, tlo + 1, -1, 0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFE, 0x7FFF, 0x8000, thi - 1, thi, tlo - 1, thi + 1}
		for range 8 {
			edges = append(edges, tlo+float64(rng.IntN(int(thi-tlo+1))))
		}
		const w, h = 61, 7
		vals := make([]float64, w*h)
		for i := range vals {
			if i%2 == 0 {
				vals[i] = min(max(edges[rng.IntN(len(edges))]+float64(rng.IntN(3)-1), tlo), thi)
			} else {
				vals[i] = tlo + float64(rng.IntN(int(thi-tlo+1)))
			}
		}
		img := imageOf(t, bt, vals, w, h)
		out, err := gips.CreateImage(img.Geometry().WithType(gips.Binary))
		if err != nil {
			t.Fatal(err)
		}
		for _, lo := range edges {
			for _, hi := range edges {
				if err := RangeInto(out, img, lo, hi); err != nil {
					t.Fatal(err)
				}
				var got []uint8
				for y := range h {
					got = append(got, out.Row(0, y)...)
				}
				if !checkRange(t, fmt.Sprintf("%v [%v, %v]", bt, lo, hi), got, vals, lo, hi) {
					return
				}
			}
		}
	}
}

func checkRange(t *testing.T, what string, got []uint8, vals []float64, lo, hi float64) bool {
	t.Helper()
	for i, v := range vals {
		want := uint8(0)
		if lo <= v && v <= hi {
			want = 1
		}
		if got[i] != want {
			t.Errorf("%s: pixel %d = %v: %d, want %d", what, i, v, got[i], want)
			return false
		}
	}
	return true
}

func imageOf(t *testing.T, bt gips.BufferType, vals []float64, w, h int) *gips.Image {
	t.Helper()
	var a gips.Array
	switch bt {
	case gips.UInt8:
		a = gips.ArrayOf(convert[uint8](vals), h, w)
	case gips.Int8:
		a = gips.ArrayOf(convert[int8](vals), h, w)
	case gips.UInt16:
		a = gips.ArrayOf(convert[uint16](vals), h, w)
	case gips.Int16:
		a = gips.ArrayOf(convert[int16](vals), h, w)
	}
	img, err := gips.FromArray(a)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func convert[T uint8 | int8 | uint16 | int16](vals []float64) []T {
	s := make([]T, len(vals))
	for i, v := range vals {
		s[i] = T(v)
	}
	return s
}
