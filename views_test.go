package gips

import (
	"errors"
	"math"
	"slices"
	"testing"
)

func TestViewsShareMemory(t *testing.T) {
	img, err := CreateImage(GeometryRgb3d(UInt16, 6, 5, 4))
	if err != nil {
		t.Fatal(err)
	}
	full, _ := img.Array()

	pl, err := img.ExtractPlane(2, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if g := pl.Geometry(); g.Volume || g.SizeX != 6 || g.SizeY != 5 || g.Color != Grey {
		t.Fatalf("plane geometry %v", g)
	}
	p, _ := PlaneAt[uint16](pl, 0, 0, 0)
	p.Set(4, 3, 99)
	if full.Get(1, 2, 3, 4) != 99 {
		t.Fatal("ExtractPlane is not a view")
	}

	vol, err := img.ExtractVolume(2, 0)
	if err != nil {
		t.Fatal(err)
	}
	va, err := vol.Array()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(va.Shape, []int{4, 5, 6}) {
		t.Fatalf("volume shape %v", va.Shape)
	}
	va.Put(7, 3, 0, 5)
	if full.Get(2, 3, 0, 5) != 7 {
		t.Fatal("ExtractVolume is not a view")
	}

	roi, err := img.Region(1, 2, 1, 4, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	ra, err := roi.Array()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ra.Shape, []int{3, 2, 3, 4}) {
		t.Fatalf("region shape %v", ra.Shape)
	}
	// Every voxel of the region is the parent's voxel at the offset.
	for c := 0; c < 3; c++ {
		for z := 0; z < 2; z++ {
			for y := 0; y < 3; y++ {
				for x := 0; x < 4; x++ {
					v := float64(1 + x + 10*y + 100*z + 1000*c)
					ra.Put(v, c, z, y, x)
					if full.Get(c, z+1, y+2, x+1) != v {
						t.Fatalf("region (%d,%d,%d,%d) not at parent offset", c, z, y, x)
					}
				}
			}
		}
	}
	for _, bad := range [][6]int{{-1, 0, 0, 1, 1, 1}, {0, 0, 0, 7, 1, 1}, {5, 4, 3, 2, 2, 2}, {0, 0, 0, 0, 1, 1}} {
		if _, err := img.Region(bad[0], bad[1], bad[2], bad[3], bad[4], bad[5]); !errors.Is(err, ErrRange) {
			t.Errorf("Region%v: %v, want ErrRange", bad, err)
		}
	}
	if _, err := img.ExtractPlane(4, 0, 0); !errors.Is(err, ErrRange) {
		t.Error("ExtractPlane out of range")
	}
	if _, err := img.ExtractVolume(3, 0); !errors.Is(err, ErrRange) {
		t.Error("ExtractVolume out of range")
	}
}

func TestRegionOfFlippedImage(t *testing.T) {
	a := ArrayOf(ramp(6*7), 6, 7).Reverse(0)
	img, err := FromArray(a, Strict)
	if err != nil {
		t.Fatal(err)
	}
	roi, err := img.Region2d(2, 1, 3, 4)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := PlaneAt[uint16](roi, 0, 0, 0)
	for y := 0; y < 4; y++ {
		for x := 0; x < 3; x++ {
			if float64(p.At(x, y)) != a.Get(y+1, x+2) {
				t.Fatalf("flipped region (%d,%d) = %d, want %v", x, y, p.At(x, y), a.Get(y+1, x+2))
			}
		}
	}
}

func TestCopyAndConvert(t *testing.T) {
	src := []float32{-3.5, -0.5, 0.5, 1.5, 2.5, 254.5, 255.49, 300, 65535.7, -1e9, float32(math.NaN()), 0}
	img, err := FromArray(ArrayOf(src, 3, 4))
	if err != nil {
		t.Fatal(err)
	}
	img.SetCalibration(Calibration{X: 0.5, Y: 0.5, Z: 2, Unit: "um"})
	cp, err := Copy(img)
	if err != nil {
		t.Fatal(err)
	}
	if cp.Calibration() != img.Calibration() {
		t.Fatal("Copy loses the calibration")
	}
	ca, _ := cp.Array()
	ca.Put(42, 0, 0)
	if src[0] != -3.5 {
		t.Fatal("Copy shares memory with its source")
	}
	// Brute-force reference of the documented rule: round half away from
	// zero, clamp to the range.
	want8 := []uint8{0, 0, 1, 2, 3, 255, 255, 255, 255, 0, 0, 0}
	want16 := []int16{-4, -1, 1, 2, 3, 255, 255, 300, 32767, -32768, 0, 0}
	u8, err := ConvertTo(img, UInt8)
	if err != nil {
		t.Fatal(err)
	}
	i16, _ := ConvertTo(img, Int16)
	bin, _ := ConvertTo(img, Binary)
	p8, _ := PlaneAt[uint8](u8, 0, 0, 0)
	p16, _ := PlaneAt[int16](i16, 0, 0, 0)
	pb, _ := PlaneAt[uint8](bin, 0, 0, 0)
	for i := range src {
		x, y := i%4, i/4
		if p8.At(x, y) != want8[i] || p16.At(x, y) != want16[i] {
			t.Errorf("%v -> uint8 %d int16 %d, want %d %d", src[i], p8.At(x, y), p16.At(x, y), want8[i], want16[i])
		}
		wantBin := uint8(1)
		if src[i] == 0 || src[i] != src[i] {
			wantBin = 0
		}
		if pb.At(x, y) != wantBin {
			t.Errorf("%v -> binary %d", src[i], pb.At(x, y))
		}
	}
	dst, _ := CreateImage(Geometry2d(Real32, 3, 3))
	if err := CopyImg(img, dst); !errors.Is(err, ErrShape) {
		t.Fatalf("CopyImg size mismatch: %v", err)
	}
}

func TestEraseImgEveryType(t *testing.T) {
	for _, bt := range BufferTypes {
		img, err := CreateImage(GeometryRgb3d(bt, 3, 2, 2))
		if err != nil {
			t.Fatal(err)
		}
		if err := EraseImg(img, 3); err != nil {
			t.Fatal(err)
		}
		want := 3.0
		if bt == Binary {
			want = 1
		}
		for _, a := range img.PlaneArrays() {
			for y := 0; y < 2; y++ {
				for x := 0; x < 3; x++ {
					if a.Get(y, x) != want {
						t.Fatalf("%v: (%d,%d) = %v, want %v", bt, x, y, a.Get(y, x), want)
					}
				}
			}
		}
	}
}

// TestEraseImgLongRuns fills contiguous planes as runs (internal/fill's
// doubling copies, up to 16 KiB at a time) of sizes on either side of the
// chunk and of par's one-worker bound, and checks every pixel and that
// nothing past the image is written.
func TestEraseImgLongRuns(t *testing.T) {
	eraseRuns[uint8](t)
	eraseRuns[int16](t)
	eraseRuns[float32](t)
	eraseRuns[float64](t)
}

func eraseRuns[T Pixel](t *testing.T) {
	for _, sz := range [][2]int{{1, 1}, {7, 3}, {5461, 5}, {1021, 517}, {2048, 640}} {
		n := sz[0] * sz[1]
		buf := make([]T, n+1) // a sentinel after the image
		buf[n] = 9
		img, err := FromArray(ArrayOf(buf[:n], sz[1], sz[0]))
		if err != nil {
			t.Fatal(err)
		}
		if err := EraseImg(img, 5); err != nil {
			t.Fatal(err)
		}
		for i, v := range buf[:n] {
			if v != 5 {
				t.Fatalf("%T %v: pixel %d = %v, want 5", v, sz, i, v)
			}
		}
		if buf[n] != 9 {
			t.Fatalf("%T %v: the value after the image was written", buf[n], sz)
		}
	}
}

func TestDispatchPicksStorageType(t *testing.T) {
	got := map[BufferType]string{}
	k := Kernels[BufferType]{
		U8:  func(b BufferType) error { got[b] = "u8"; return nil },
		U16: func(b BufferType) error { got[b] = "u16"; return nil },
		U32: func(b BufferType) error { got[b] = "u32"; return nil },
	}
	for _, bt := range []BufferType{UInt8, Binary, Label8, UInt16, Label16, UInt32, Label32} {
		if err := Dispatch(bt, k, bt); err != nil {
			t.Fatal(err)
		}
	}
	want := map[BufferType]string{UInt8: "u8", Binary: "u8", Label8: "u8", UInt16: "u16", Label16: "u16", UInt32: "u32", Label32: "u32"}
	for bt, w := range want {
		if got[bt] != w {
			t.Errorf("%v dispatched to %q, want %q", bt, got[bt], w)
		}
	}
	if err := Dispatch(Real32, k, Real32); !errors.Is(err, ErrBufferType) {
		t.Errorf("missing kernel: %v", err)
	}
	if _, err := Planes[float32](mustCreate(t, Geometry2d(UInt16, 2, 2))); !errors.Is(err, ErrBufferType) {
		t.Errorf("Planes with the wrong type: %v", err)
	}
}

func mustCreate(t *testing.T, g Geometry) *Image {
	t.Helper()
	img, err := CreateImage(g)
	if err != nil {
		t.Fatal(err)
	}
	return img
}
