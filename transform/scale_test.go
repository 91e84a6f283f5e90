package transform

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// TestScaleSIMDMatchesPureGo: the vector scaleRow and scaleRow2 kernels
// (present when built with GOEXPERIMENT=simd on AVX2) give the pure-Go
// loop's numbers bit for bit, at lengths with and without a tail.
func TestScaleSIMDMatchesPureGo(t *testing.T) {
	if scaleU8 == nil {
		t.Skip("no SIMD scale kernels in this build (build with GOEXPERIMENT=simd on AVX2)")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 15, 16, 17, 31, 33, 100, 257} {
		u8 := make([]uint8, n)
		u16 := make([]uint16, n)
		for i := range u8 {
			u8[i], u16[i] = uint8(rng.IntN(256)), uint16(rng.IntN(65536))
		}
		w1, w2 := rng.Float64(), 1-rng.Float64()
		check := func(what string, got []float64, want func(k int) float64) {
			for k := range got {
				if math.Float64bits(got[k]) != math.Float64bits(want(k)) {
					t.Fatalf("%s n=%d [%d]: SIMD %v, pure Go %v", what, n, k, got[k], want(k))
				}
			}
		}
		p := make([]float64, n)
		scaleRow(p, u8, w1)
		check("scaleRow uint8", p, func(k int) float64 { return float64(u8[k]) * w1 })
		scaleRow(p, u16, w1)
		check("scaleRow uint16", p, func(k int) float64 { return float64(u16[k]) * w1 })
		scaleRow2(p, u8, w1, w2)
		check("scaleRow2 uint8", p, func(k int) float64 { return float64(u8[k]) * w1 * w2 })
		scaleRow2(p, u16, w1, w2)
		check("scaleRow2 uint16", p, func(k int) float64 { return float64(u16[k]) * w1 * w2 })
	}
}

// TestVertical2SIMDMatchesPureGo: the vector vertical2 kernels give the
// Go loop's sums, at lengths with and without a tail and at the largest
// weights newIntLin allows.
func TestVertical2SIMDMatchesPureGo(t *testing.T) {
	if vertical2U8 == nil {
		t.Skip("no SIMD vertical2 kernels in this build (build with GOEXPERIMENT=simd on AVX2)")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 15, 16, 17, 31, 33, 100, 257} {
		a8, b8 := make([]uint8, n), make([]uint8, n)
		a16, b16 := make([]uint16, n), make([]uint16, n)
		for i := range n {
			a8[i], b8[i] = uint8(rng.IntN(256)), uint8(rng.IntN(256))
			a16[i], b16[i] = uint16(rng.IntN(65536)), uint16(rng.IntN(65536))
		}
		got := make([]int32, n)
		for _, w := range [][2]int32{{1, 1}, {3, 1}, {0, 1 << 11}, {1 << 14, 1 << 14}} {
			vertical2(got, a8, b8, w[0], w[1])
			for k := range got {
				if want := int32(a8[k])*w[0] + int32(b8[k])*w[1]; got[k] != want {
					t.Fatalf("uint8 n=%d w=%v [%d]: SIMD %d, Go %d", n, w, k, got[k], want)
				}
			}
			w = [2]int32{w[0] >> 8, w[1] >> 8} // 16-bit samples: 15 bits of weight at most
			vertical2(got, a16, b16, w[0], w[1])
			for k := range got {
				if want := int32(a16[k])*w[0] + int32(b16[k])*w[1]; got[k] != want {
					t.Fatalf("uint16 n=%d w=%v [%d]: SIMD %d, Go %d", n, w, k, got[k], want)
				}
			}
		}
	}
}

// TestHalveSIMDMatchesPureGo: the vector halving kernels (each
// halveEqU8 the CPU runs) give the Go loop's bytes, at every offset and
// length and the largest weights that halveRowU8 accepts (bits <= 4), with
// rows that start at any of several offsets into a cache line, the same
// for both or not (the AVX-512 kernel aligns its loads when it can).
func TestHalveSIMDMatchesPureGo(t *testing.T) {
	if halveU8 == nil {
		t.Skip("no SIMD halving kernel in this build (build with GOEXPERIMENT=simd on AVX2)")
	}
	defer func(k func([]uint8, []uint8, []uint8, int, uint16, uint) int) { halveEqU8 = k }(halveEqU8)
	for _, k := range halveEqU8Kernels {
		halveEqU8 = k
		halveKernel(t)
	}
}

func halveKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	for _, nx := range []int{2, 31, 32, 33, 64, 65, 100, 127, 128, 129, 130, 131, 191, 192, 193, 255, 256, 257, 301, 520} {
		for _, offs := range [][2]int{{0, 0}, {16, 16}, {2, 2}, {62, 62}, {17, 17}, {16, 48}} {
			r0, r1 := lineOffset(nx, offs[0]), lineOffset(nx, offs[1])
			for i := range nx {
				r0[i], r1[i] = uint8(rng.IntN(256)), uint8(rng.IntN(256))
			}
			for _, c := range []int{0, 1} {
				n := (nx - c) / 2
				if n < 1 {
					continue
				}
				for _, bq := range []uint{0, 1, 2, 4, 1 + 8, 2 + 8, 4 + 8} {
					b := bq &^ 8
					wy0 := uint16(rng.IntN(1<<b + 1))
					if bq&8 != 0 { // equal rows: halveEqU8
						wy0 = uint16(1 << b >> 1)
					}
					wy1 := uint16(1<<b) - wy0
					w := uint16(1 << b >> 1)
					if b == 0 {
						w = 1
					}
					got, want := make([]uint8, n), make([]uint8, n)
					halveRowU8(got, r0, r1, c, wy0, wy1, w, 2*b)
					half := uint32(1) << (2 * b) >> 1
					for x := range want {
						k := c + 2*x
						s := (uint32(r0[k])*uint32(wy0) + uint32(r1[k])*uint32(wy1)) * uint32(w)
						s += (uint32(r0[k+1])*uint32(wy0) + uint32(r1[k+1])*uint32(wy1)) * uint32(w)
						want[x] = uint8((s + half) >> (2 * b))
					}
					for x := range want {
						if got[x] != want[x] {
							t.Fatalf("nx=%d c=%d rows at %v bits=%d [%d]: SIMD %d, Go %d", nx, c, offs, b, x, got[x], want[x])
						}
					}
				}
			}
		}
	}
}

// TestDoubleSIMDMatchesPureGo: the doubling path's vector kernels give
// the Go loops' values (the 16-bit vertical sums; the middle output pairs
// from them), at lengths with and without a tail and the largest weights
// doubleRowU8 accepts (bits <= 4).
func TestDoubleSIMDMatchesPureGo(t *testing.T) {
	if doubleU8 == nil {
		t.Skip("no SIMD doubling kernels in this build (build with GOEXPERIMENT=simd on AVX2)")
	}
	rng := rand.New(rand.NewPCG(10, 11))
	for _, nx := range []int{3, 16, 17, 18, 33, 34, 50, 301} {
		r0, r1 := make([]uint8, nx), make([]uint8, nx)
		for i := range nx {
			r0[i], r1[i] = uint8(rng.IntN(256)), uint8(rng.IntN(256))
		}
		for _, b := range []uint{1, 2, 4} {
			wy0 := uint16(rng.IntN(1<<b + 1))
			wy1 := uint16(1<<b) - wy0
			v := make([]uint16, nx)
			k := vertical16U8(v, r0, r1, wy0, wy1)
			for i := range k {
				if want := uint16(r0[i])*wy0 + uint16(r1[i])*wy1; v[i] != want {
					t.Fatalf("vertical16 nx=%d [%d]: SIMD %d, Go %d", nx, i, v[i], want)
				}
			}
			for i := k; i < nx; i++ {
				v[i] = uint16(r0[i])*wy0 + uint16(r1[i])*wy1
			}
			a := uint16(rng.IntN(1<<b + 1))
			bb := uint16(1<<b) - a
			o := make([]uint8, 2*nx)
			m := doubleU8(o, v, a, bb, 2*b)
			half := uint32(1) << (2 * b) >> 1
			for j := 1; j < m; j++ {
				e := uint8((uint32(v[j-1])*uint32(a) + uint32(v[j])*uint32(bb) + half) >> (2 * b))
				od := uint8((uint32(v[j])*uint32(bb) + uint32(v[j+1])*uint32(a) + half) >> (2 * b))
				if o[2*j] != e || o[2*j+1] != od {
					t.Fatalf("double nx=%d bits=%d m=%d: SIMD %d %d, Go %d %d", nx, b, j, o[2*j], o[2*j+1], e, od)
				}
			}
			if nx >= 34 && m == 1 {
				t.Fatalf("double nx=%d: the vector kernel did nothing", nx)
			}
		}
	}
}

// lineOffset is a slice of n bytes that starts off bytes into a cache
// line.
func lineOffset(n, off int) []uint8 {
	b := make([]uint8, n+128)
	a := (64 - int(uintptr(unsafe.Pointer(&b[0]))%64)) % 64
	return b[a+off : a+off+n]
}
