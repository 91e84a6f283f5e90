package color

import (
	"math"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// TestGreyLutMatchesFormula: the looked-up rgbToGrey of 8- and 16-bit
// images gives the formula's numbers (img_as_float scaling, then
// 0.2125 R + 0.7154 G + 0.0721 B summed left to right) bit for bit, every
// value of every channel at least once, on an odd width.
func TestGreyLutMatchesFormula(t *testing.T) {
	greyLutCase[uint8](t)
	greyLutCase[int8](t)
	greyLutCase[uint16](t)
	greyLutCase[int16](t)
}

func greyLutCase[S gips.Pixel](t *testing.T) {
	bt := gips.TypeOf[S]()
	lo, hi := bt.Range()
	span := int(hi-lo) + 1
	n := span + 7
	img, err := gips.CreateImage(gips.GeometryRgb2d(bt, n, 1))
	if err != nil {
		t.Fatal(err)
	}
	pl, err := gips.WritablePlanes[S](img)
	if err != nil {
		t.Fatal(err)
	}
	val := func(x, c int) S { return S(lo + float64((x*(2*c+1)+c*97)%span)) }
	for c := range 3 {
		row := pl[img.Geometry().PlaneIndex(0, c, 0)].Row(0)
		for x := range row {
			row[x] = val(x, c)
		}
	}
	got, err := RgbToGrey(img)
	if err != nil {
		t.Fatal(err)
	}
	g := imgtest.ImageValues(t, got)
	for x := 0; x < n; x++ {
		var ch [3]float64
		for c := range 3 {
			ch[c] = float64(val(x, c)) * (1 / hi)
			if bt.IsSigned() {
				ch[c] = max(ch[c], -1)
			}
		}
		want := ch[0]*wr + ch[1]*wg + ch[2]*wb
		if math.Float64bits(g[x]) != math.Float64bits(want) {
			t.Fatalf("%v x=%d: got %v, formula %v", bt, x, g[x], want)
		}
	}
}
