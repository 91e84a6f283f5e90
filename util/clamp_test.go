package util

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
)

// TestClampSIMDMatchesGo: the Clamp row of every pair of pixel types
// (clampRow, its SIMD loops first where the build has them) gives
// gips.Saturate[D](float64(v)), the general mapping's value, bit for bit,
// on edge values (type bounds and their neighbours, halves and the floats
// next to them, NaN, infinities, signed zeros) and random bit patterns, in
// rows of odd lengths from odd offsets; it writes nothing beyond the row.
func TestClampSIMDMatchesGo(t *testing.T) { eachWidth(t, testClampPairs) }

func testClampPairs(t *testing.T) {
	clampFrom[uint8](t)
	clampFrom[int8](t)
	clampFrom[uint16](t)
	clampFrom[int16](t)
	clampFrom[uint32](t)
	clampFrom[int32](t)
	clampFrom[float32](t)
	clampFrom[float64](t)
}

func clampFrom[S gips.Pixel](t *testing.T) {
	src := clampSamples[S]()
	clampPair[uint8](t, src)
	clampPair[int8](t, src)
	clampPair[uint16](t, src)
	clampPair[int16](t, src)
	clampPair[uint32](t, src)
	clampPair[int32](t, src)
	clampPair[float32](t, src)
	clampPair[float64](t, src)
}

// clampSamples is edge values of S (the float ones clamped and converted
// to S for integers) and random bit patterns of S, an odd count.
func clampSamples[S gips.Pixel]() []S {
	var edges []float64
	for _, b := range []float64{0, 127, 128, 255, 256, 32767, 32768, 65535, 65536, math.MaxInt32, math.MaxUint32, 1 << 24, 2147483520, 4294967040} {
		for _, v := range []float64{b, -b, b - 1, 1 - b, b + 1, -b - 1} {
			edges = append(edges, v, v+0.5, v-0.5, math.Nextafter(v+0.5, 0), math.Nextafter(v-0.5, 0),
				math.Nextafter(v+0.5, math.Inf(1)), math.Nextafter(v-0.5, math.Inf(-1)), v+0.25, v-0.75)
		}
	}
	edges = append(edges, math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), belowHalf, -belowHalf,
		0.49999997, -0.49999997, 1e300, -1e300, math.MaxFloat32, 4e38, 5e-324)
	st := gips.TypeOf[S]()
	lo, hi := st.Range()
	var s []S
	for _, v := range edges {
		if !st.IsFloat() {
			if v != v {
				continue
			}
			v = math.Trunc(min(max(v, lo), hi))
		}
		s = append(s, S(v))
	}
	rng := rand.New(rand.NewPCG(3, uint64(st)))
	var z S
	size := int(unsafe.Sizeof(z))
	for range 4001 {
		var v S
		bits := rng.Uint64()
		if rng.IntN(2) == 0 && st.IsFloat() {
			v = S((rng.Float64() - 0.5) * 140000)
		} else {
			copy(unsafe.Slice((*byte)(unsafe.Pointer(&v)), size), unsafe.Slice((*byte)(unsafe.Pointer(&bits)), 8))
		}
		s = append(s, v)
	}
	return s
}

func clampPair[D, S gips.Pixel](t *testing.T, src []S) {
	row := clampRow[D, S]()
	d := make([]D, len(src)+1)
	for _, r := range [][2]int{{0, len(src)}, {3, len(src) - 2}, {1, 37}, {5, 20}, {7, 8}} {
		for i := range d {
			d[i] = 99
		}
		s := src[r[0]:r[1]]
		row(d[:len(s)], s)
		for i, v := range s {
			want := gips.Saturate[D](float64(v))
			if gips.TypeOf[D]() == gips.TypeOf[S]() {
				want = D(v) // a copy: a signalling NaN stays one
			}
			if !sameBits(d[i], want) {
				t.Fatalf("%v to %v: pixel %d of %d (from %d): %v gives %v, want %v",
					gips.TypeOf[S](), gips.TypeOf[D](), i, len(s), r[0], v, d[i], want)
			}
		}
		if d[len(s)] != 99 {
			t.Fatalf("%v to %v: wrote beyond the row of %d", gips.TypeOf[S](), gips.TypeOf[D](), len(s))
		}
	}
}

// sameBits compares the pixels' bytes (NaN payloads too).
func sameBits[T gips.Pixel](a, b T) bool {
	size := int(unsafe.Sizeof(a))
	return string(unsafe.Slice((*byte)(unsafe.Pointer(&a)), size)) == string(unsafe.Slice((*byte)(unsafe.Pointer(&b)), size))
}
