package gips

import (
	"errors"
	"slices"
	"testing"
)

func TestGeometryShapeIsNumpyOrder(t *testing.T) {
	cases := []struct {
		g    Geometry
		want []int
	}{
		{Geometry2d(UInt8, 5, 7), []int{7, 5}},
		{Geometry3d(UInt16, 5, 7, 2), []int{2, 7, 5}},
		{Geometry3d(UInt16, 5, 7, 1), []int{1, 7, 5}},
		{GeometryRgb2d(UInt8, 5, 7), []int{3, 7, 5}},
		{GeometryRgb3d(Real32, 5, 7, 4), []int{3, 4, 7, 5}},
		{GeometryMultiChannel2d(Int16, 5, 7, 6), []int{6, 7, 5}},
		{GeometrySequence2d(Int16, 5, 7, 9), []int{9, 7, 5}},
		{GeometrySequence3d(Int16, 5, 7, 2, 9), []int{9, 2, 7, 5}},
	}
	for _, c := range cases {
		if err := c.g.Validate(); err != nil {
			t.Fatalf("%v: %v", c.g, err)
		}
		if got := c.g.Shape(); !slices.Equal(got, c.want) {
			t.Errorf("%v: shape %v, want %v", c.g, got, c.want)
		}
	}
}

func TestGeometryInvalid(t *testing.T) {
	bad := []Geometry{
		Geometry2d(UInt8, 0, 7),
		Geometry2d(UInt8, 5, -1),
		Geometry3d(UInt8, 5, 7, 0),
		Geometry2d(BufferType(0), 5, 7),
		Geometry2d(BufferType(99), 5, 7),
		{Type: UInt8, SizeX: 5, SizeY: 7, SizeZ: 1, SizeC: 2, SizeT: 1, Color: RGB},
		{Type: UInt8, SizeX: 5, SizeY: 7, SizeZ: 1, SizeC: 2, SizeT: 1, Color: Grey},
		{Type: UInt8, SizeX: 5, SizeY: 7, SizeZ: 3, SizeC: 1, SizeT: 1},
		Geometry3d(Real64, 1<<30, 1<<30, 1<<10),
		Geometry3d(UInt8, 1<<31, 1<<31, 1<<2),
	}
	for _, g := range bad {
		err := g.Validate()
		if err == nil {
			t.Errorf("%+v: no error", g)
			continue
		}
		if !errors.Is(err, ErrGeometry) && !errors.Is(err, ErrBufferType) {
			t.Errorf("%+v: error %v is neither ErrGeometry nor ErrBufferType", g, err)
		}
		if _, err := CreateImage(g); err == nil {
			t.Errorf("CreateImage(%+v) succeeded", g)
		}
	}
}

func TestPlaneIndexRoundTrip(t *testing.T) {
	g := GeometrySequence3d(UInt8, 2, 2, 3, 4)
	g.SizeC, g.Color = 2, MultiChannel
	seen := map[int]bool{}
	for tt := 0; tt < g.SizeT; tt++ {
		for c := 0; c < g.SizeC; c++ {
			for z := 0; z < g.SizeZ; z++ {
				i := g.PlaneIndex(z, c, tt)
				if seen[i] || i < 0 || i >= g.Planes() {
					t.Fatalf("PlaneIndex(%d,%d,%d) = %d repeated or out of range", z, c, tt, i)
				}
				seen[i] = true
				if z2, c2, t2 := g.PlaneCoords(i); z2 != z || c2 != c || t2 != tt {
					t.Fatalf("PlaneCoords(%d) = %d,%d,%d", i, z2, c2, t2)
				}
			}
		}
	}
}

func TestBufferTypeDTypeBothWays(t *testing.T) {
	want := map[BufferType]DType{UInt8: "|u1", Int8: "|i1", UInt16: "<u2", Int16: "<i2", UInt32: "<u4",
		Int32: "<i4", Real32: "<f4", Real64: "<f8", Binary: "|u1", Label8: "|u1", Label16: "<u2", Label32: "<u4"}
	if !nativeLittle {
		t.Skip("expectations written for a little-endian machine")
	}
	for bt, d := range want {
		got, err := DTypeOf(bt)
		if err != nil || got != d {
			t.Errorf("DTypeOf(%v) = %q, %v; want %q", bt, got, err, d)
		}
		back, err := d.BufferType()
		if err != nil || back != bt.Storage() {
			t.Errorf("%q.BufferType() = %v, %v; want %v", d, back, err, bt.Storage())
		}
		if bt.ItemSize() != d.ItemSize() {
			t.Errorf("%v item size %d, dtype %d", bt, bt.ItemSize(), d.ItemSize())
		}
	}
	if b, err := DType("|b1").BufferType(); err != nil || b != Binary {
		t.Errorf("|b1 -> %v, %v; want Binary", b, err)
	}
	for _, d := range []DType{">u2", "=f8", "<i4"} {
		if _, err := d.BufferType(); err != nil {
			t.Errorf("%q: %v", d, err)
		}
	}
	for _, d := range []DType{"<u8", "<i8", "<f2", "<c8", "u2", "", "<U4", "!u2"} {
		if _, err := d.BufferType(); !errors.Is(err, ErrDType) {
			t.Errorf("%q: error %v, want ErrDType", d, err)
		}
	}
	for _, bt := range BufferTypes {
		p, err := ParseBufferType(bt.String())
		if err != nil || p != bt {
			t.Errorf("ParseBufferType(%q) = %v, %v", bt.String(), p, err)
		}
	}
}

func TestSaturate(t *testing.T) {
	if Saturate[uint8](300) != 255 || Saturate[uint8](-5) != 0 || Saturate[uint8](2.5) != 3 || Saturate[uint8](2.49) != 2 {
		t.Error("uint8 saturation/rounding")
	}
	if Saturate[int8](-2.5) != -3 || Saturate[int16](1e9) != 32767 || Saturate[int32](-1e12) != -2147483648 {
		t.Error("signed saturation/rounding")
	}
	nan := 0.0
	if Saturate[uint16](nan/nan) != 0 {
		t.Error("NaN -> 0")
	}
	if Saturate[uint32](4294967295.4) != 4294967295 || Saturate[float32](1.5) != 1.5 {
		t.Error("uint32 top / float passthrough")
	}
}
