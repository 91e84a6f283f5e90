package arith

import (
	"errors"
	"testing"

	"github.com/gipsdev/gips"
)

func TestInPlaceIsPixelForPixel(t *testing.T) {
	a, _ := gips.FromArray(gips.ArrayOf([]uint8{250, 1, 2, 3}, 2, 2))
	b, _ := gips.FromArray(gips.ArrayOf([]uint8{10, 1, 1, 1}, 2, 2))
	if err := AddInto(a, a, b); err != nil {
		t.Fatal(err)
	}
	arr, _ := a.Array()
	if arr.Get(0, 0) != 255 || arr.Get(1, 1) != 4 {
		t.Fatalf("a += b gave %v %v, want 255 4", arr.Get(0, 0), arr.Get(1, 1))
	}
}

func TestBadInputsAreErrors(t *testing.T) {
	u8, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 3, 2))
	u16, _ := gips.CreateImage(gips.Geometry2d(gips.UInt16, 3, 2))
	small, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 2, 2))
	bin, _ := gips.CreateImage(gips.Geometry2d(gips.Binary, 3, 2))
	ro := gips.ArrayOf(make([]uint8, 6), 2, 3)
	ro.ReadOnly = true
	roImg, _ := gips.FromArray(ro)
	for name, c := range map[string]struct {
		err  error
		want error
	}{
		"types differ":    {AddInto(u8, u8, u16), gips.ErrBufferType},
		"sizes differ":    {SubtractInto(u8, u8, small), gips.ErrShape},
		"binary":          {InvertInto(bin, bin), gips.ErrBufferType},
		"read-only":       {MultiplyScalarInto(roImg, u8, 2), gips.ErrReadOnly},
		"dst type":        {MinInto(u16, u8, u8), gips.ErrBufferType},
		"dst sizes":       {DivideScalarInto(small, u8, 2), gips.ErrShape},
		"linear dst type": {LinearCombinationInto(u16, u8, u8, 1, 1, 0), gips.ErrBufferType},
	} {
		if !errors.Is(c.err, c.want) {
			t.Errorf("%s: got %v, want %v", name, c.err, c.want)
		}
	}
}
