package gips

import (
	"runtime"
	"testing"
)

// paddedVolume is a (Z, Y, X) uint16 view with padding at the end of lines,
// columns and planes, as numpy gives for a[:, :Y, :X] of a larger array.
func paddedVolume(z, y, x int) Array {
	return ArrayOf(make([]uint16, (z+1)*(y+4)*(x+8)), z+1, y+4, x+8).
		Slice(0, 0, z, 1).Slice(1, 0, y, 1).Slice(2, 0, x, 1)
}

// TestWrapAllocatesPerPlaneNotPerPixel: wrapping costs plane headers only.
// Bytes are counted, not timed, so the claim is exact on any machine.
func TestWrapAllocatesPerPlaneNotPerPixel(t *testing.T) {
	a := paddedVolume(64, 512, 512)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	img, err := FromArray(a, Strict)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	perPlane := float64(after.TotalAlloc-before.TotalAlloc) / float64(img.NumPlanes())
	if perPlane > 256 {
		t.Fatalf("wrapping allocated %.0f bytes per plane; pixels are %d bytes per plane", perPlane, 512*512*2)
	}
}

// BenchmarkFromArrayPadded256x512x512Uint16 reports the allocation of
// wrapping a padded CT-sized volume: O(planes), not O(pixels).
func BenchmarkFromArrayPadded256x512x512Uint16(b *testing.B) {
	a := paddedVolume(256, 512, 512)
	b.ReportAllocs()
	b.SetBytes(256 * 512 * 512 * 2)
	for b.Loop() {
		if _, err := FromArray(a, Strict); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFromArrayStep2Copy256x512x512Uint16 is the copying path
// (a[:, :, ::2]) for comparison: O(pixels).
func BenchmarkFromArrayStep2Copy256x512x512Uint16(b *testing.B) {
	a := ArrayOf(make([]uint16, 256*512*1024), 256, 512, 1024).Slice(2, 0, 1024, 2)
	b.ReportAllocs()
	b.SetBytes(256 * 512 * 512 * 2)
	for b.Loop() {
		if _, err := FromArray(a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEraseImg4096x4096Uint8 and BenchmarkCopyImg4096x4096Uint8 put the
// fill next to a plain copy of the same bytes (the memory bandwidth).
func BenchmarkEraseImg4096x4096Uint8(b *testing.B) {
	img, _ := CreateImage(Geometry2d(UInt8, 4096, 4096))
	b.SetBytes(4096 * 4096)
	for b.Loop() {
		if err := EraseImg(img, 7); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCopyImg4096x4096Uint8(b *testing.B) {
	src, _ := CreateImage(Geometry2d(UInt8, 4096, 4096))
	dst, _ := CreateImage(Geometry2d(UInt8, 4096, 4096))
	b.SetBytes(2 * 4096 * 4096)
	for b.Loop() {
		if err := CopyImg(src, dst); err != nil {
			b.Fatal(err)
		}
	}
}
