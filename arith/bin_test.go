package arith

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
)

// TestBinVecMatchesGo runs every image-image row kernel that has a SIMD
// bulk (binVec) against its Go loop, bit for bit, on random pixels mixed
// with each type's edge values (limits, zero divisors, ±0, ±Inf, NaNs with
// payloads, denormals) at every length up to 200 and two odd long ones,
// each on rows placed for either loop direction (placements), run as
// rowsOf chooses and forced both ways. The SIMD side runs twice: the
// 32-byte kernels, and the AVX-512 ones where binVec picks them. In a
// build without SIMD all are the Go loop.
func TestBinVecMatchesGo(t *testing.T) {
	nan32 := math.Float32frombits
	nan64 := math.Float64frombits
	binTwins(t, []int8{-128, 127, 0, 1, -1, 2, -2})
	binTwins(t, []int16{-32768, 32767, 0, 1, -1, 2, -2, 181, -182})
	binTwins(t, []int32{math.MinInt32, math.MaxInt32, 0, 1, -1, 2, -2, 46341, -46341})
	binTwins(t, []uint32{0, 1, 2, math.MaxUint32, math.MaxUint32 - 1, 1 << 31, 65536})
	binTwins(t, []float32{0, float32(math.Copysign(0, -1)), 1, -1, 0.5, float32(math.Inf(1)), float32(math.Inf(-1)),
		nan32(0x7fc00000), nan32(0xffc00000), nan32(0x7fc12345), nan32(0xff812345), nan32(1), nan32(0x80000001), math.MaxFloat32, -math.MaxFloat32})
	binTwins(t, []float64{0, math.Copysign(0, -1), 1, -1, 0.5, math.Inf(1), math.Inf(-1),
		nan64(0x7ff8000000000000), nan64(0xfff8000000000000), nan64(0x7ff8000012345678), nan64(0xfff0000000000123), nan64(1), math.MaxFloat64, -math.MaxFloat64})
}

func binTwins[T gips.Pixel](t *testing.T, edges []T) {
	tt := gips.TypeOf[T]()
	kernels := map[string]func(gips.BufferType) func(d, a, b []T){
		"add": addRow[T], "subtract": subtractRow[T], "multiply": multiplyRow[T], "divide": divideRow[T],
		"min": minimumRow[T], "max": maximumRow[T], "absDiff": absDiffRow[T],
	}
	r := rand.New(rand.NewPCG(1, uint64(tt)))
	pixel := func() T {
		var v T
		switch k := r.IntN(8); {
		case k < 2:
			v = edges[r.IntN(len(edges))]
		case k < 4:
			v = T(r.IntN(41) - 20) // small: halves and ties of divide, ±0 sums
		default:
			b := unsafe.Slice((*byte)(unsafe.Pointer(&v)), unsafe.Sizeof(v))
			for i := range b {
				b[i] = byte(r.Uint32())
			}
		}
		return v
	}
	for name, mk := range kernels {
		binGoOnly = true
		goRow := mk(tt)
		binGoOnly = false
		binNarrow = true
		narrow := mk(tt)
		binNarrow = false
		wide := mk(tt)
		for _, n := range append(binLengths(), 1021, 4099) {
			for _, p := range placements {
				d, a, b := placed[T](n, p)
				for i := range a {
					a[i], b[i] = pixel(), pixel()
				}
				want := make([]T, n)
				goRow(want, a, b)
				for _, dir := range loopDirs {
					loopDir = dir
					for k, row := range []func(d, a, b []T){narrow, wide} {
						clear(d)
						row(d, a, b)
						for i := range want {
							if !sameBits(want[i], d[i]) {
								t.Fatalf("%v %s n=%d %v dir %d kernel %d at %d: %v, %v (%x, %x) gives %v (%x), Go loop %v (%x)",
									tt, name, n, p, dir, k, i, a[i], b[i], bits(a[i]), bits(b[i]), d[i], bits(d[i]), want[i], bits(want[i]))
							}
						}
					}
				}
				loopDir = 0
			}
		}
	}
}

func binLengths() []int {
	l := make([]int, 201)
	for i := range l {
		l[i] = i
	}
	return l
}

func sameBits[T gips.Pixel](x, y T) bool {
	b := unsafe.Slice((*byte)(unsafe.Pointer(&x)), unsafe.Sizeof(x))
	c := unsafe.Slice((*byte)(unsafe.Pointer(&y)), unsafe.Sizeof(y))
	return string(b) == string(c)
}

// bits is v's bytes as a number, for messages.
func bits[T gips.Pixel](v T) uint64 {
	var u uint64
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&u)), 8), unsafe.Slice((*byte)(unsafe.Pointer(&v)), unsafe.Sizeof(v)))
	return u
}

// TestDivideSmallIntegersExact runs divide's row kernels on every Int8
// pair and on every Int16 dividend with the edge divisors and 100 random
// ones, against intQuotient: the SIMD quotient through float32 must be
// the exact rounded one.
func TestDivideSmallIntegersExact(t *testing.T) {
	var a8, b8 []int8
	for i := range 1 << 16 {
		a8, b8 = append(a8, int8(i>>8)), append(b8, int8(i))
	}
	divideExact(t, a8, b8)
	r := rand.New(rand.NewPCG(3, 4))
	divisors := []int16{0, 1, -1, 2, -2, 3, -3, 7, 255, 256, -32768, 32767, -32767, 181, 16384, -16384}
	for range 100 {
		divisors = append(divisors, int16(r.Uint32()))
	}
	var a16, b16 []int16
	for _, b := range divisors {
		for a := range 1 << 16 {
			a16, b16 = append(a16, int16(a)), append(b16, b)
		}
	}
	divideExact(t, a16, b16)
}

func divideExact[T int8 | int16](t *testing.T, a, b []T) {
	lo, hi := int64(math.MinInt16), int64(math.MaxInt16)
	if unsafe.Sizeof(a[0]) == 1 {
		lo, hi = math.MinInt8, math.MaxInt8
	}
	d := make([]T, len(a))
	divideRow[T](gips.TypeOf[T]())(d, a, b)
	for i := range d {
		if want := intQuotient(int64(a[i]), int64(b[i]), lo, hi); int64(d[i]) != want {
			t.Fatalf("%d / %d: %d, want %d", a[i], b[i], d[i], want)
		}
	}
}

// TestAbsDiffFloatIsAbs runs the float absDiff row kernels (SIMD bulk and
// Go tail) against math.Abs of the difference, bit for bit: -0 - +0 gives
// +0 and a NaN difference loses its sign bit and keeps its payload, as
// numpy's abs gives them.
func TestAbsDiffFloatIsAbs(t *testing.T) {
	negZero := math.Copysign(0, -1)
	as := []float64{negZero, 0, 1, -1, 2.5, -2.5, math.Inf(-1), math.Inf(1), math.Float64frombits(0xfff8000000000123), math.NaN(), -1e-310}
	bs := []float64{0, negZero, 1, 3, -2.5, 0.5, 1, math.Inf(1)}
	for _, n := range []int{len(as) * len(bs), 203} {
		a64, b64 := make([]float64, n), make([]float64, n)
		for i := range n {
			a64[i], b64[i] = as[i%len(as)], bs[i/len(as)%len(bs)]
		}
		d64 := make([]float64, n)
		absDiffRow[float64](gips.Real64)(d64, a64, b64)
		a32, b32, d32 := make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range n {
			a32[i], b32[i] = float32(a64[i]), float32(b64[i])
		}
		absDiffRow[float32](gips.Real32)(d32, a32, b32)
		for i := range n {
			if want := math.Abs(a64[i] - b64[i]); math.Float64bits(d64[i]) != math.Float64bits(want) {
				t.Fatalf("Real64 |%v - %v| = %v (%#x), want %v (%#x)", a64[i], b64[i], d64[i], math.Float64bits(d64[i]), want, math.Float64bits(want))
			}
			// float32 -> float64 -> float32 keeps a quiet NaN's payload.
			if want := float32(math.Abs(float64(a32[i] - b32[i]))); math.Float32bits(d32[i]) != math.Float32bits(want) {
				t.Fatalf("Real32 |%v - %v| = %v (%#x), want %v (%#x)", a32[i], b32[i], d32[i], math.Float32bits(d32[i]), want, math.Float32bits(want))
			}
		}
	}
}
