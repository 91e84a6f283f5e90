package arith

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
	pw "github.com/gipsdev/gips/internal/pointwise"
)

// scalLengths are row lengths around the vector widths (odd tails).
var scalLengths = []int{1, 7, 15, 16, 17, 31, 33, 63, 65, 127, 129, 1000 + 37}

// scalValues are scalars: whole, halves, fractions, negative, beyond
// every integer range, zero, infinite and NaN.
var scalValues = []float64{0, 1, -1, 3, -3, 7, 100, -255, 256, 0.5, -0.5, 2.5, -2.5, 0.3, 1.0 / 3, 1.7,
	-0.7, 65535, 65536, -32768, 32769, 1 << 31, -(1 << 31), 1<<32 - 1, 1 << 32, 1e10, -1e10, 1e300,
	0.1e-300, 0.49999999999999994, -0.49999999999999994, 2.4999999999999996, -2.4999999999999996, 1.4999999999999998,
	0.5000000000000001, -1.5000000000000002, 32766.499999999996, 2147483646.4999998, -2, 46341, -46341, 1<<31 - 1, math.Inf(1), math.Inf(-1), math.NaN()}

// scalData is n random pixels of type T with the type's edge values
// mixed in (NaN, ±Inf, ±0 and extremes for floats).
func scalData[T gips.Pixel](rng *rand.Rand, n int) []T {
	a := make([]T, n)
	var edges []T
	if pw.IsFloat[T]() {
		for _, e := range []float64{0, math.Copysign(0, -1), 1, -1, 0.5, math.NaN(), math.Inf(1), math.Inf(-1), 3.4e38, -3.4e38, 1e-40, 1e300, 65535.5} {
			edges = append(edges, T(e))
		}
	} else {
		lo, hi := pw.Limits[T]()
		for _, e := range []int64{lo, hi, 0, 1, max(lo, -1), lo + 1, hi - 1, hi / 2} {
			edges = append(edges, T(e))
		}
	}
	for i := range a {
		switch r := rng.IntN(8); {
		case r == 0:
			a[i] = edges[rng.IntN(len(edges))]
		case pw.IsFloat[T]():
			a[i] = T(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(7)-2)))
		default:
			b := rng.Uint64()
			a[i] = *(*T)(unsafe.Pointer(&b)) // random bits of the pixel's width (little-endian)
		}
	}
	return a
}

// sameOrNaN reports whether two pixels have the same bits (signed zeros
// included), any NaN matching any NaN: which NaN an op on two NaNs gives
// depends on its operands' order, which the Go compiler may swap in a
// commutative op (numpy does not promise one either).
func sameOrNaN[T gips.Pixel](x, y T) bool {
	switch x := any(x).(type) {
	case float32:
		y := any(y).(float32)
		return math.Float32bits(x) == math.Float32bits(y) || x != x && y != y
	case float64:
		y := any(y).(float64)
		return math.Float64bits(x) == math.Float64bits(y) || x != x && y != y
	}
	return x == y
}

// scalarWant is the op's definition for one pixel: Saturate of the
// float64 formula for integers, T's IEEE arithmetic on T(v) for floats.
func scalarWant[T gips.Pixel](op sop, a T, v float64) T {
	if !pw.IsFloat[T]() {
		if op == sDiv && v == 0 {
			return 0
		}
		return sopValue[T](op, float64(a), v)
	}
	c := T(v)
	switch op {
	case sAdd:
		return a + c
	case sMul:
		return a * c
	}
	return a / c
}

func testScalarRows[T gips.Pixel](t *testing.T, rng *rand.Rand) {
	for _, n := range scalLengths {
		a := scalData[T](rng, n)
		d := make([]T, n)
		for _, op := range []sop{sAdd, sMul, sDiv} {
			for _, v := range scalValues {
				for _, pixels := range []int{n, 1 << 20} { // the small and the large image's kernel
					scalarRow[T](op, v, pixels)(d, a)
					for i := range d {
						if w := scalarWant(op, a[i], v); !sameOrNaN(d[i], w) {
							t.Fatalf("%T op %d v %v n %d (image of %d): %v gives %v, want %v", a[i], op, v, n, pixels, a[i], d[i], w)
						}
					}
				}
			}
		}
	}
}

// TestScalarRowsMatchFormula: every scalar row kernel (SIMD under
// GOEXPERIMENT=simd, Go otherwise; tables for small and large images)
// against the ops' definition, on random rows with edge values, of odd
// lengths, for scalars of every kind.
func TestScalarRowsMatchFormula(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 21))
	testScalarRows[uint8](t, rng)
	testScalarRows[int8](t, rng)
	testScalarRows[uint16](t, rng)
	testScalarRows[int16](t, rng)
	testScalarRows[uint32](t, rng)
	testScalarRows[int32](t, rng)
	testScalarRows[float32](t, rng)
	testScalarRows[float64](t, rng)
}

// twin runs a SIMD kernel and its Go twin on the same row and compares
// them: the SIMD one's pixels, then the Go one's tail.
func twin[T gips.Pixel](t *testing.T, name string, a []T, simd func(d, a []T) int, goK func(d, a []T)) {
	t.Helper()
	got, want := make([]T, len(a)), make([]T, len(a))
	n := simd(got, a)
	if has512 && len(a) >= 64 && n == 0 || n > len(a) {
		t.Fatalf("%s %T n %d: SIMD did %d", name, a[0], len(a), n)
	}
	goK(got[n:], a[n:])
	goK(want, a)
	for i := range got {
		if !sameOrNaN(got[i], want[i]) {
			t.Fatalf("%s %T n %d (SIMD did %d): pixel %d = %v gives %v, Go %v", name, a[0], len(a), n, i, a[i], got[i], want[i])
		}
	}
}

func testScalarTwins[T gips.Pixel](t *testing.T, rng *rand.Rand) {
	lo, hi := pw.Limits[T]()
	for _, n := range scalLengths {
		a := scalData[T](rng, n)
		for _, op := range []sop{sAdd, sMul, sDiv} {
			for _, v := range scalValues[:len(scalValues)-3] { // finite
				name := fmt.Sprintf("op %d v %v", op, v)
				if pw.IsFloat[T]() {
					c := T(v)
					twin(t, name, a, func(d, a []T) int { return simdFloatScalar(op, d, a, c) }, func(d, a []T) { floatScalar(op, d, a, c) })
					continue
				}
				if (op != sDiv || v != 0) && unsafe.Sizeof(a[0]) > 1 { // 8-bit pixels take a table
					twin(t, name, a, func(d, a []T) int { return simdFormula(op, d, a, v) }, func(d, a []T) { formula(op, d, a, v) })
				}
				if v != math.Trunc(v) {
					continue
				}
				span := float64(hi - lo)
				iv := int64(max(min(v, span), -span))
				bound, up := T(hi-iv), iv >= 0
				if !up {
					bound = T(lo - iv)
				}
				twin(t, name+" add", a, func(d, a []T) int { return simdAddClamped(d, a, bound, T(iv), up) }, func(d, a []T) { addClamped(d, a, bound, T(iv), up) })
				m := float64(max(-lo, hi))
				im := int64(max(min(v, m), -m))
				twin(t, name+" mul", a, func(d, a []T) int { return simdMulInt(d, a, im) }, func(d, a []T) { mulInt(d, a, im) })
			}
		}
	}
}

// TestScalarSIMDMatchesGo: each SIMD kernel against its Go twin directly
// (both are the Go twin alone in the default build).
func TestScalarSIMDMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 15))
	testScalarTwins[uint8](t, rng)
	testScalarTwins[int8](t, rng)
	testScalarTwins[uint16](t, rng)
	testScalarTwins[int16](t, rng)
	testScalarTwins[uint32](t, rng)
	testScalarTwins[int32](t, rng)
	testScalarTwins[float32](t, rng)
	testScalarTwins[float64](t, rng)
	var lut [256]uint8
	for i := range lut {
		lut[i] = uint8(i*7 + 3)
	}
	for _, n := range scalLengths {
		twin(t, "lut8", scalData[uint8](rng, n), func(d, a []uint8) int { return simdLut8(d, a, &lut) }, func(d, a []uint8) {
			for i, x := range a {
				d[i] = lut[x]
			}
		})
	}
}

func testLinearRows[T gips.Pixel](t *testing.T, rng *rand.Rand) {
	inf, nan := math.Inf(1), math.NaN()
	ws := [][3]float64{{0.5, 0.5, 0}, {0.3, 0.7, 1}, {0.75, -1.5, 3.25}, {1, -1, 0}, {-2.5, 1e-3, 7.5}, {1.0 / 3, 2.0 / 3, -0.5},
		{1e10, -1e10, 0.5}, {1e200, 1e200, 0}, {1e300, -1e300, 0}, {nan, 1, 0}, {inf, 0, 0}, {0, 0, 1e6}, {0, 0, -2.5},
		{-0.5, 0.25, -0.75}, {0.5, -0.5, 0}, {-1, -1, 0}, {256, -256, 0.5}, {16383.5, 0, 0}, {16384, 0, 0}, {1.0 / 65536, 0.5, -1}}
	for range 10 {
		ws = append(ws, [3]float64{rng.NormFloat64() * 2, rng.NormFloat64() * 2, rng.NormFloat64() * 100})
	}
	lo, hi := pw.Limits[T]()
	for _, n := range scalLengths {
		a, b := scalData[T](rng, n), scalData[T](rng, n)
		d := make([]T, n)
		for _, w := range ws {
			for _, pixels := range []int{n, 1 << 20} {
				linearRow[T](gips.TypeOf[T](), pixels, w[0], w[1], w[2])(d, a, b)
				for i := range d {
					want := linOne(a[i], b[i], w[0], w[1], w[2], float64(lo), float64(hi))
					if pw.IsFloat[T]() {
						want = T(float64(w[0]*float64(a[i])) + float64(w[1]*float64(b[i])) + w[2])
					}
					if !sameOrNaN(d[i], want) {
						t.Fatalf("%T %v n %d (image of %d): %v, %v gives %v, want %v", a[i], w, n, pixels, a[i], b[i], d[i], want)
					}
				}
			}
		}
	}
}

// TestLinearRowsMatchFormula: linearCombination's row kernels (the AVX-512
// float64 ones under GOEXPERIMENT=simd) against the float64 formula on
// random rows with edge values, of odd lengths, for weights that land on
// halves, saturate, overflow, are NaN or infinite, and at random.
func TestLinearRowsMatchFormula(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 15))
	testLinearRows[uint8](t, rng)
	testLinearRows[int8](t, rng)
	testLinearRows[uint16](t, rng)
	testLinearRows[int16](t, rng)
	testLinearRows[uint32](t, rng)
	testLinearRows[int32](t, rng)
	testLinearRows[float32](t, rng)
	testLinearRows[float64](t, rng)
}

// TestInvertRowsMatchDefinition: invert's row kernels (AVX2 under
// GOEXPERIMENT=simd) against its definition on random rows with edge
// values (the signed minimum, NaN, ±0) of every length up to 200 and an
// odd long one, and on long rows from each start in a cache line; each
// row with its output placed for either loop direction (placements), the
// loops run as chosen and forced both ways.
func TestInvertRowsMatchDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 15))
	testInvertRows[uint8](t, rng)
	testInvertRows[int8](t, rng)
	testInvertRows[uint16](t, rng)
	testInvertRows[int16](t, rng)
	testInvertRows[uint32](t, rng)
	testInvertRows[int32](t, rng)
	testInvertRows[float32](t, rng)
	testInvertRows[float64](t, rng)
}

func testInvertRows[T gips.Pixel](t *testing.T, rng *rand.Rand) {
	lo, hi := pw.Limits[T]()
	size := int(unsafe.Sizeof(*new(T)))
	long := 16<<10/size + 41 // as long as pw.Head's least run
	type run struct{ n, start int }
	var runs []run
	for n := range 201 {
		runs = append(runs, run{n, 0})
	}
	runs = append(runs, run{1000 + 37, 0})
	for k := range 64 / size {
		runs = append(runs, run{long, k})
	}
	defer func() { loopDir = 0 }()
	for _, r := range runs {
		n := r.n
		for _, p := range placements { // the output placed for either loop direction
			p.start += r.start * size // from each start in a line
			d, a, _ := placed[T](n, p)
			copy(a, scalData[T](rng, n))
			for _, dir := range loopDirs {
				loopDir = dir
				clear(d)
				invertRow[T](gips.TypeOf[T]())(d, a)
				for i := range d {
					want := T(min(-int64(a[i]), hi))
					switch {
					case pw.IsFloat[T]():
						want = -a[i]
					case lo == 0:
						want = T(hi) - a[i]
					}
					if !sameOrNaN(d[i], want) {
						t.Fatalf("%T n %d %v dir %d: invert %v gives %v, want %v", a[i], n, p, dir, a[i], d[i], want)
					}
				}
			}
		}
	}
}

// TestDivide16AllPixels: 16-bit divide by whole numbers (the vector
// formula's product-and-snap path under GOEXPERIMENT=simd) on every pixel
// value against the formula, for divisors 1..600, negative ones and
// large ones on both sides of 2^13 (the largest that path takes).
func TestDivide16AllPixels(t *testing.T) {
	var vs []float64
	for v := 1; v <= 600; v++ {
		vs = append(vs, float64(v))
	}
	for v := 1; v <= 40; v++ {
		vs = append(vs, float64(-v))
	}
	rng := rand.New(rand.NewPCG(8, 13))
	for range 100 {
		vs = append(vs, float64(rng.IntN(8192-600)+600))
	}
	vs = append(vs, 1000, 1024, 4095, 8191, 8192, -8192, 8193, 9999, 16384, 32767, 32768, -32768, 32769, 65535, 65536)
	testDivideAll[uint16](t, vs)
	testDivideAll[int16](t, vs)
}

func testDivideAll[T gips.Pixel](t *testing.T, vs []float64) {
	a := make([]T, 1<<16+9) // every value, and a tail
	for i := range a {
		a[i] = T(uint16(i))
	}
	d := make([]T, len(a))
	for _, v := range vs {
		scalarRow[T](sDiv, v, len(a))(d, a)
		for i := range d {
			if w := sopValue[T](sDiv, float64(a[i]), v); d[i] != w {
				t.Fatalf("%T %v / %v gives %v, want %v", a[i], a[i], v, d[i], w)
			}
		}
	}
}

// TestScalarRowsBothWays: the scalar row kernels with their output placed
// for either loop direction (placements: just after the source modulo
// 4 KiB, dirOf's backward case, and elsewhere), run as dirOf chooses and
// forced both ways, against the ops' definition.
func TestScalarRowsBothWays(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 22))
	scalarBothWays[uint8](t, rng)
	scalarBothWays[int8](t, rng)
	scalarBothWays[uint16](t, rng)
	scalarBothWays[int16](t, rng)
	scalarBothWays[uint32](t, rng)
	scalarBothWays[int32](t, rng)
	scalarBothWays[float32](t, rng)
	scalarBothWays[float64](t, rng)
}

func scalarBothWays[T gips.Pixel](t *testing.T, rng *rand.Rand) {
	defer func() { loopDir = 0 }()
	for _, n := range []int{65, 129, 1000 + 37} {
		for _, p := range placements {
			d, a, _ := placed[T](n, p)
			copy(a, scalData[T](rng, n))
			for _, dir := range loopDirs {
				loopDir = dir
				for _, op := range []sop{sAdd, sMul, sDiv} {
					for _, v := range scalValues {
						clear(d)
						scalarRow[T](op, v, n)(d, a)
						for i := range d {
							if w := scalarWant(op, a[i], v); !sameOrNaN(d[i], w) {
								t.Fatalf("%T op %d v %v n %d %v dir %d: %v gives %v, want %v", a[i], op, v, n, p, dir, a[i], d[i], w)
							}
						}
					}
				}
			}
		}
	}
}
