package util_test

import (
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
	_ "github.com/gipsdev/gips/util"
)

func TestEraseImgFillsItsInputInPlace(t *testing.T) {
	img, _ := gips.CreateImage(gips.Geometry2d(gips.UInt16, 3, 2))
	res, err := ops.Call("util.eraseImg", []*gips.Image{img}, nil, map[string]any{"value": 7.0})
	if err != nil {
		t.Fatal(err)
	}
	if res.Image != img {
		t.Fatal("eraseImg without an output must return its input")
	}
	a, _ := img.Array()
	for y := 0; y < 2; y++ {
		for x := 0; x < 3; x++ {
			if a.Get(y, x) != 7 {
				t.Fatalf("pixel (%d,%d) = %v, want 7", x, y, a.Get(y, x))
			}
		}
	}
	ro := gips.ArrayOf(make([]uint16, 6), 2, 3)
	ro.ReadOnly = true
	roImg, _ := gips.FromArray(ro)
	if _, err := ops.Call("util.eraseImg", []*gips.Image{roImg}, nil, nil); err == nil {
		t.Fatal("eraseImg of a read-only image must fail, not write")
	}
	op, _ := ops.Lookup("util.eraseImg")
	js, _ := op.MarshalJSON()
	if !strings.Contains(string(js), `"modifies":"image"`) {
		t.Fatalf("descriptor %s does not say which input it modifies", js)
	}
}
