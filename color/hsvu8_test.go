package color

import (
	"math"
	"testing"
)

// TestHsvU8RowIsExactRounding: hsvU8Row (the Go loop of uint8-to-uint8
// rgbToHsv) on all 2^24 RGB triples against rgb2hsv's formula in float64
// (hsv, on img_as_float's values) times 255, rounded half up: the float64
// value is within 10^-13 of the exact rational, whose fraction is 0.5 or
// at least 1/1530 from it, so adding 0.5 + 10^-9 before the floor rounds
// the exact value half up. The ties are counted: the test must reach some.
func TestHsvU8RowIsExactRounding(t *testing.T) {
	var rr, gg, bb, o0, o1, o2 [256]uint8
	ties := 0
	for rg := range 1 << 16 {
		for i := range 256 {
			rr[i], gg[i], bb[i] = uint8(rg>>8), uint8(rg), uint8(i)
		}
		hsvU8Row(o0[:], o1[:], o2[:], rr[:], gg[:], bb[:])
		for i := range 256 {
			h, s, v := hsv(float64(rr[i])/255, float64(gg[i])/255, float64(bb[i])/255)
			for c, x := range [3]float64{h * 255, s * 255, v * 255} {
				want := math.Floor(x + 0.5 + 1e-9)
				if f := x - math.Floor(x); math.Abs(f-0.5) < 1e-9 {
					ties++
				}
				if got := [3]uint8{o0[i], o1[i], o2[i]}[c]; float64(got) != want {
					t.Fatalf("rgb (%d, %d, %d) channel %d: %d, want %v (255 times %v)", rr[i], gg[i], bb[i], c, got, want, x/255)
				}
			}
		}
	}
	if ties == 0 {
		t.Fatal("no tie among the 2^24 triples")
	}
	t.Logf("%d tied channels, rounded up", ties)
}
