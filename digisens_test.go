package gips

import (
	"errors"
	"testing"
	"unsafe"
)

func TestDigisensWrapsAlignedVolumeWithoutCopy(t *testing.T) {
	g := Geometry3d(UInt16, 5, 3, 4)
	rs, ps, err := DigisensStrides(g, 16, 64)
	if err != nil {
		t.Fatal(err)
	}
	if rs != 16 || ps != 64 { // 10 bytes -> 16; 3*16=48 -> 64
		t.Fatalf("strides %d %d, want 16 64", rs, ps)
	}
	buf := make([]byte, 4*ps)
	// Write pixel (x, y, z) = x + 10y + 100z at its Digisens address, by hand.
	for z := 0; z < 4; z++ {
		for y := 0; y < 3; y++ {
			for x := 0; x < 5; x++ {
				*(*uint16)(unsafe.Pointer(&buf[z*ps+y*rs+2*x])) = uint16(x + 10*y + 100*z)
			}
		}
	}
	img, err := FromDigisens(buf, g, 16, 64, Strict)
	if err != nil {
		t.Fatal(err)
	}
	ps16, _ := Planes[uint16](img)
	for z, p := range ps16 {
		for y := 0; y < 3; y++ {
			for x := 0; x < 5; x++ {
				if p.At(x, y) != uint16(x+10*y+100*z) {
					t.Fatalf("(%d,%d,%d) = %d", x, y, z, p.At(x, y))
				}
			}
		}
	}
	ps16[2].Set(1, 1, 5555)
	if *(*uint16)(unsafe.Pointer(&buf[2*ps+rs+2])) != 5555 {
		t.Fatal("FromDigisens copied the buffer")
	}
	out, err := ToDigisens(img, 16, 64)
	if err != nil {
		t.Fatal(err)
	}
	if !out.View || unsafe.SliceData(out.Data) != unsafe.SliceData(buf) || len(out.Data) != len(buf) {
		t.Fatal("ToDigisens of a Digisens image must be a view of its buffer")
	}
	// Another alignment: one copy, in the new layout.
	cp, err := ToDigisens(img, 32, 256)
	if err != nil {
		t.Fatal(err)
	}
	if cp.View || cp.RowStride != 32 || cp.PlaneStride != 256 || len(cp.Data) != 4*256 {
		t.Fatalf("copy: view=%v strides %d %d len %d", cp.View, cp.RowStride, cp.PlaneStride, len(cp.Data))
	}
	for z := 0; z < 4; z++ {
		for y := 0; y < 3; y++ {
			for x := 0; x < 5; x++ {
				if got := *(*uint16)(unsafe.Pointer(&cp.Data[z*256+y*32+2*x])); got != ps16[z].At(x, y) {
					t.Fatalf("copied (%d,%d,%d) = %d", x, y, z, got)
				}
			}
		}
	}
	// A C-contiguous image is already Digisens with alignment 1.
	c, _ := CreateImage(g)
	if d, _ := ToDigisens(c, 1, 1); !d.View {
		t.Fatal("contiguous image with alignment 1 should be a view")
	}
}

func TestDigisensInterleavedPaddingIsCopiedAndReported(t *testing.T) {
	g := Geometry2d(UInt8, 4, 2)
	buf := []byte{1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0}
	if _, err := FromDigisensStrides(buf, g, 2, 8, 16, Strict); !errors.Is(err, ErrCopyRequired) {
		t.Fatalf("strict interleaved: %v", err)
	}
	img, err := FromDigisensStrides(buf, g, 2, 8, 16)
	if err != nil {
		t.Fatal(err)
	}
	if ok, copied := img.Shared(); ok || len(copied) != 1 {
		t.Fatalf("Shared() = %v %v", ok, copied)
	}
	p, _ := PlaneAt[uint8](img, 0, 0, 0)
	if p.At(3, 1) != 8 || p.At(0, 0) != 1 {
		t.Fatal("interleaved values")
	}
}

func TestDigisensErrors(t *testing.T) {
	g := Geometry3d(UInt16, 5, 3, 4)
	if _, err := FromDigisens(make([]byte, 100), g, 16, 64); !errors.Is(err, ErrShape) {
		t.Errorf("short buffer: %v", err)
	}
	if _, err := FromDigisens(make([]byte, 1000), g, 0, 64); !errors.Is(err, ErrShape) {
		t.Errorf("zero alignment: %v", err)
	}
	if _, err := FromDigisens(make([]byte, 1000), Geometry3d(UInt16, 0, 3, 4), 16, 64); !errors.Is(err, ErrGeometry) {
		t.Errorf("bad geometry: %v", err)
	}
	if _, err := FromDigisensStrides(make([]byte, 1000), g, 2, 8, 64); !errors.Is(err, ErrShape) {
		t.Errorf("overlapping rows: %v", err)
	}
	if _, err := ToDigisens(mustCreate(t, g), -1, 1); !errors.Is(err, ErrShape) {
		t.Errorf("ToDigisens negative alignment: %v", err)
	}
}
