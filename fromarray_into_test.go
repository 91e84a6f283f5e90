package gips

import (
	"errors"
	"slices"
	"testing"
)

// TestFromArrayIntoIsFromArray: an image built in a reused Image struct is
// the image FromArray makes (geometry, dtype, read-only flag, shared
// planes, pixels), whatever the struct held before; a failed wrap leaves it
// empty; and an image of up to three planes costs no allocation.
func TestFromArrayIntoIsFromArray(t *testing.T) {
	px := make([]uint16, 4*5*6)
	for i := range px {
		px[i] = uint16(7 * i)
	}
	ro := ArrayOf(px[:20], 4, 5)
	ro.ReadOnly = true
	bytes := make([]uint8, 12)
	cases := []Array{ArrayOf(px, 4, 5, 6), ArrayOf(px[:30], 5, 6), ArrayOf(px[:90], 3, 5, 6), ro, ArrayOf(px, 4, 5, 6), ArrayOf(bytes, 3, 4)}
	var dst Image
	for _, a := range cases {
		want, err := FromArray(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := FromArrayInto(&dst, a); err != nil {
			t.Fatal(err)
		}
		if dst.Geometry() != want.Geometry() || dst.ReadOnly() != want.ReadOnly() || dst.dtype != want.dtype {
			t.Fatalf("%v: built %v (read-only %v, dtype %s), want %v (%v, %s)", a.Shape, dst.Geometry(), dst.ReadOnly(), dst.dtype,
				want.Geometry(), want.ReadOnly(), want.dtype)
		}
		if ok, copied := dst.Shared(); !ok {
			t.Fatalf("%v: planes %v copied, want all shared", a.Shape, copied)
		}
		for i := range want.NumPlanes() {
			for y := range want.SizeY() {
				got, w := dst.Row(i, y), want.Row(i, y)
				if !slices.Equal(got, w) || &got[0] != &w[0] {
					t.Fatalf("%v: plane %d row %d is %v at %p, want %v at %p", a.Shape, i, y, got, &got[0], w, &w[0])
				}
			}
		}
	}
	// Geometry given, as FromArrayGeometry: a (1, Y, X) array as 2D.
	g := Geometry2d(UInt16, 6, 5)
	if err := FromArrayGeometryInto(&dst, ArrayOf(px[:30], 1, 5, 6), g); err != nil || dst.Geometry() != g {
		t.Fatalf("FromArrayGeometryInto: %v, %v; want %v", dst.Geometry(), err, g)
	}
	// Errors: as FromArray's, and dst emptied.
	bad := ArrayOf(px[:30], 30)
	_, wantErr := FromArray(bad)
	err := FromArrayInto(&dst, bad)
	if err == nil || err.Error() != wantErr.Error() || !errors.Is(err, ErrShape) {
		t.Fatalf("1D array: error %v, want %v", err, wantErr)
	}
	if dst.NumPlanes() != 0 {
		t.Fatalf("after an error dst has %d planes, want an empty image", dst.NumPlanes())
	}
	if err := FromArrayInto(nil, cases[0]); err == nil {
		t.Fatal("nil destination: no error")
	}
	a := cases[len(cases)-1]
	if n := testing.AllocsPerRun(100, func() { _ = FromArrayInto(&dst, a) }); n != 0 {
		t.Fatalf("%.1f allocations per FromArrayInto of a 2D array, want 0", n)
	}
	rgb, gr := cases[2], GeometryRgb2d(UInt16, 6, 5)
	if n := testing.AllocsPerRun(100, func() { _ = FromArrayGeometryInto(&dst, rgb, gr) }); n != 0 {
		t.Fatalf("%.1f allocations per FromArrayGeometryInto of an RGB array, want 0", n)
	}
}

// TestAppendPlanes: AppendPlanes appends Planes' list after what dst
// holds, in the caller's array while it has room, and refuses a wrong
// pixel type as Planes does, dst unchanged.
func TestAppendPlanes(t *testing.T) {
	px := make([]uint16, 3*5*6)
	img, err := FromArrayGeometry(ArrayOf(px, 3, 5, 6), GeometryRgb2d(UInt16, 6, 5))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Planes[uint16](img)
	if err != nil {
		t.Fatal(err)
	}
	var buf [4]Plane[uint16]
	got, err := AppendPlanes(buf[:1], img)
	if err != nil || len(got) != 4 || &got[0] != &buf[0] {
		t.Fatalf("AppendPlanes: %d planes, %v; want 4 in buf", len(got), err)
	}
	for i, p := range want {
		if q := got[1+i]; &q.Pix[0] != &p.Pix[0] || q.Stride != p.Stride || q.Width != p.Width || q.Height != p.Height {
			t.Fatalf("plane %d: %+v, want %+v", i, q, p)
		}
	}
	if got, err := AppendPlanes([]Plane[float32]{{}}, img); !errors.Is(err, ErrBufferType) || len(got) != 1 {
		t.Fatalf("float32 planes of a uint16 image: %d planes, %v", len(got), err)
	}
}
