package util

import (
	"math"
	"testing"
)

// eachWidth runs f with the AVX2 loops and, on a machine that has it, the
// AVX-512 ones: the same values are expected of both.
func eachWidth(t *testing.T, f func(t *testing.T)) {
	saved := useAVX512
	defer func() { useAVX512 = saved }()
	for _, on := range []bool{false, true} {
		if on && !saved {
			continue
		}
		useAVX512 = on
		t.Run(map[bool]string{false: "AVX2", true: "AVX512"}[on], f)
	}
}

// TestToFloat32SIMDMatchesGo: the widening to float32 of every 8-bit
// value and every 16-bit value (plus an odd tail, and rows of 1 to 160
// pixels: the AVX-512 loop's blocks of 64 and the vectors after them)
// equals Go's conversion, and writes nothing beyond the pixels it
// reports, with the AVX2 loops and the AVX-512 ones. Skipped in builds
// without the kernels.
func TestToFloat32SIMDMatchesGo(t *testing.T) {
	if simdU8F32(make([]float32, 16), make([]uint8, 16)) == 0 {
		t.Skip("no SIMD kernels in this build (GOEXPERIMENT=simd and AVX2 enable them)")
	}
	eachWidth(t, testToFloat32)
}

func testToFloat32(t *testing.T) {
	check := func(name string, n int, d []float32, want func(i int) float32) {
		t.Helper()
		if n != len(d)&^15 {
			t.Fatalf("%s: did %d of %d", name, n, len(d))
		}
		for i := range d {
			w := want(i)
			if i >= n {
				w = float32(math.NaN())
				if d[i] == d[i] {
					t.Fatalf("%s: wrote pixel %d beyond the %d reported", name, i, n)
				}
				continue
			}
			if d[i] != w {
				t.Fatalf("%s: pixel %d: %v, want %v", name, i, d[i], w)
			}
		}
	}
	nan := func(n int) []float32 {
		d := make([]float32, n)
		for i := range d {
			d[i] = float32(math.NaN())
		}
		return d
	}
	u8, i8 := make([]uint8, 256+11), make([]int8, 256+11)
	for i := range u8 {
		u8[i], i8[i] = uint8(i), int8(i)
	}
	d := nan(len(u8))
	check("uint8", simdU8F32(d, u8), d, func(i int) float32 { return float32(u8[i]) })
	d = nan(len(i8))
	check("int8", simdI8F32(d, i8), d, func(i int) float32 { return float32(i8[i]) })
	u16, i16 := make([]uint16, 65536+13), make([]int16, 65536+13)
	for i := range u16 {
		u16[i], i16[i] = uint16(i), int16(i)
	}
	d = nan(len(u16))
	check("uint16", simdU16F32(d, u16), d, func(i int) float32 { return float32(u16[i]) })
	d = nan(len(i16))
	check("int16", simdI16F32(d, i16), d, func(i int) float32 { return float32(i16[i]) })
	for n := 1; n <= 160; n++ { // short rows, from an odd offset
		d = nan(n)
		check("uint8 short", simdU8F32(d, u8[3:]), d, func(i int) float32 { return float32(u8[3+i]) })
		d = nan(n)
		check("int8 short", simdI8F32(d, i8[7:]), d, func(i int) float32 { return float32(i8[7+i]) })
		d = nan(n)
		check("uint16 short", simdU16F32(d, u16[9:]), d, func(i int) float32 { return float32(u16[9+i]) })
		d = nan(n)
		check("int16 short", simdI16F32(d, i16[5:]), d, func(i int) float32 { return float32(i16[5+i]) })
	}
}
