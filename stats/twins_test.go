package stats

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// twinLengths are run lengths around the SIMD twins' vectors (16 to 64
// values), their 64-value float blocks, 4 blocks at a time, the 64
// blocks simdBlocks sums into its array, and sumFloat32's 256-value
// blocks, 64 to an array.
var twinLengths = []int{1, 2, 3, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 300, 1000, 4095, 4096, 4097,
	64*64*2 + 37, 256*64*2 + 293}

// floatEdges are values a float scan must order as Go's min and max do:
// both zeros, the infinities, subnormals, the extremes of both types.
var floatEdges = []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), 5e-324, -5e-324, 1e-45, -1e-45,
	math.MaxFloat32, -math.MaxFloat32, math.SmallestNonzeroFloat32, 1e300, -1e300}

// TestFloatScanTwins: the float extremes, sums and sums of squares, SIMD
// twins (with GOEXPERIMENT=simd) against the Go loops, bit for bit, and
// the extremes against Go's min and max run value by value (the scan's
// meaning before it took keys), on random values with edge values, NaN
// of either sign, zeros of either sign, and negative values only.
func TestFloatScanTwins(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, n := range twinLengths {
		for c := range 8 {
			v := make([]float64, n)
			for i := range v {
				v[i] = rng.NormFloat64() * 1000
			}
			switch c {
			case 1: // edge values anywhere, one in the tail
				for range 1 + n/50 {
					v[rng.IntN(n)] = floatEdges[rng.IntN(len(floatEdges))]
				}
				v[n-1] = floatEdges[rng.IntN(len(floatEdges))]
			case 2: // a NaN
				v[rng.IntN(n)] = math.NaN()
			case 3: // a negative NaN
				v[rng.IntN(n)] = math.Copysign(math.NaN(), -1)
			case 4: // zeros of both signs only
				for i := range v {
					v[i] = math.Copysign(0, float64(rng.IntN(2)*2-1))
				}
			case 5: // -0 only, then +0 only: which zero wins
				for i := range v {
					v[i] = math.Copysign(0, -1)
				}
				v[rng.IntN(n)] = 0
			case 6: // negative values only, with -0 at times
				for i := range v {
					v[i] = -math.Abs(v[i])
				}
				if n%2 == 1 {
					v[rng.IntN(n)] = math.Copysign(0, -1)
				}
			case 7: // -0 only
				for i := range v {
					v[i] = math.Copysign(0, -1)
				}
			}
			f32 := make([]float32, n)
			for i, x := range v {
				f32[i] = float32(x)
			}
			checkFloatTwins(t, v)
			checkFloatTwins(t, f32)
		}
	}
}

func checkFloatTwins[T float32 | float64](t *testing.T, v []T) {
	t.Helper()
	run := func() (p partial, lo, hi T, sq neumaier) {
		p = partial{isFloat: true}
		lo, hi = scanFloats(&p, v, v[0], v[0], needExtremes|needSum)
		sumSquares(&sq, v, 123.25)
		return p, lo, hi, sq
	}
	p, lo, hi, sq := run()
	var gp partial
	var glo, ghi T
	var gsq neumaier
	withoutSIMD(func() { gp, glo, ghi, gsq = run() })
	wlo, whi := v[0], v[0]
	for _, x := range v {
		wlo, whi = min(wlo, x), max(whi, x)
	}
	same := func(a, b T) bool {
		return a != a && b != b || math.Float64bits(float64(a)) == math.Float64bits(float64(b))
	}
	if !same(lo, wlo) || !same(hi, whi) || !same(glo, wlo) || !same(ghi, whi) {
		t.Fatalf("%T n %d: extremes %v %v, Go loop %v %v, want %v %v", v[0], len(v), lo, hi, glo, ghi, wlo, whi)
	}
	if !sameBits(p.fsum, gp.fsum) || !sameBits(sq, gsq) {
		t.Fatalf("%T n %d: sum %v squares %v, Go loop %v %v", v[0], len(v), p.fsum, sq, gp.fsum, gsq)
	}
}

func sameBits(a, b neumaier) bool {
	eq := func(x, y float64) bool { return x != x && y != y || math.Float64bits(x) == math.Float64bits(y) }
	return eq(a.s, b.s) && eq(a.c, b.c)
}

// TestIntScanTwins: the scan of Int8, Int16, UInt16, Int32 and UInt32 images (the
// AVX-512 twins when built with GOEXPERIMENT=simd, the Go loop otherwise)
// against a brute-force sum, min and max, with the types' extremes in the
// tail and anywhere, and a run of 2^20 of the most negative value.
func TestIntScanTwins(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for _, w := range twinLengths[:20] {
		for _, h := range []int{1, 3} {
			checkInts(t, rng, make([]int8, w*h), w, h)
			checkInts(t, rng, make([]int16, w*h), w, h)
			checkInts(t, rng, make([]uint16, w*h), w, h)
			checkInts(t, rng, make([]int32, w*h), w, h)
			checkInts(t, rng, make([]uint32, w*h), w, h)
		}
	}
	for _, lo := range []int64{math.MinInt8, math.MinInt16, math.MinInt32} {
		big := make([]int64, 1<<20)
		for i := range big {
			big[i] = lo
		}
		switch lo {
		case math.MinInt8:
			check(t, convert[int8](big), 1<<20, 1)
		case math.MinInt16:
			check(t, convert[int16](big), 1<<20, 1)
		default:
			check(t, convert[int32](big), 1<<20, 1)
		}
	}
}

func convert[T gips.Pixel](v []int64) []T {
	d := make([]T, len(v))
	for i, x := range v {
		d[i] = T(x)
	}
	return d
}

func checkInts[T int8 | int16 | uint16 | int32 | uint32](t *testing.T, rng *rand.Rand, d []T, w, h int) {
	t.Helper()
	tlo, thi := gips.TypeOf[T]().Range()
	for i := range d {
		d[i] = T(tlo + float64(rng.Int64N(int64(thi-tlo)+1)))
	}
	d[len(d)-1] = T(thi)
	d[rng.IntN(len(d))] = T(tlo)
	check(t, d, w, h)
}

// TestIntSquaresTwins: the integer scan with squares (Std, Measure) of
// Int8, Int16, UInt16, Int32 and UInt32 images (the SIMD twins when built with
// GOEXPERIMENT=simd, the Go loop otherwise) against brute-force sums in
// big integers, with the types' extremes, and 2^20 values of the most
// negative or greatest one (sums of squares past 64 bits).
func TestIntSquaresTwins(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	for _, w := range twinLengths[:20] {
		for _, h := range []int{1, 3} {
			checkSquares(t, rng, make([]int8, w*h), w, h, false)
			checkSquares(t, rng, make([]int16, w*h), w, h, false)
			checkSquares(t, rng, make([]uint16, w*h), w, h, false)
			checkSquares(t, rng, make([]int32, w*h), w, h, false)
			checkSquares(t, rng, make([]uint32, w*h), w, h, false)
		}
	}
	checkSquares(t, rng, make([]int8, 1<<20), 1<<20, 1, true)
	checkSquares(t, rng, make([]int16, 1<<20), 1<<20, 1, true)
	checkSquares(t, rng, make([]uint16, 1<<20), 1<<20, 1, true)
	checkSquares(t, rng, make([]int32, 1<<20), 1<<20, 1, true)
	checkSquares(t, rng, make([]uint32, 1<<20), 1<<20, 1, true)
}

func checkSquares[T int8 | int16 | uint16 | int32 | uint32](t *testing.T, rng *rand.Rand, d []T, w, h int, extreme bool) {
	t.Helper()
	tlo, thi := gips.TypeOf[T]().Range()
	for i := range d {
		d[i] = T(tlo + float64(rng.Int64N(int64(thi-tlo)+1)))
		if extreme {
			d[i] = T(tlo)
			if tlo == 0 {
				d[i] = T(thi)
			}
		}
	}
	d[len(d)-1] = T(thi)
	d[rng.IntN(len(d))] = T(tlo)
	img, err := gips.FromArray(gips.ArrayOf(d, h, w))
	if err != nil {
		t.Fatal(err)
	}
	p, err := scan(img, needExtremes|needSum|needSquares)
	if err != nil {
		t.Fatal(err)
	}
	sum, sq := new(big.Int), new(big.Int)
	lo, hi := d[0], d[0]
	for _, v := range d {
		x := big.NewInt(int64(v))
		sum.Add(sum, x)
		sq.Add(sq, x.Mul(x, x))
		lo, hi = min(lo, v), max(hi, v)
	}
	gotSum := new(big.Int).Lsh(big.NewInt(p.hi), 64)
	gotSum.Add(gotSum, new(big.Int).SetUint64(p.lo))
	gotSq := new(big.Int).Lsh(new(big.Int).SetUint64(p.qhi), 64)
	gotSq.Add(gotSq, new(big.Int).SetUint64(p.qlo))
	if gotSum.Cmp(sum) != 0 || gotSq.Cmp(sq) != 0 || p.min != float64(lo) || p.max != float64(hi) {
		t.Fatalf("%T %dx%d: sum %v squares %v min %v max %v; want %v %v %v %v", d[0], w, h, gotSum, gotSq, p.min, p.max, sum, sq, lo, hi)
	}
}

// TestAddAllMatchesAdd: addAll's branch-free steps give add's sum and
// compensation bit for bit on random values of every magnitude and sign,
// zeros of both signs, cancelling values, and NaN where a step overflows.
func TestAddAllMatchesAdd(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	for c := range 200 {
		vs := make([]float64, 1+rng.IntN(300))
		for i := range vs {
			switch rng.IntN(6) {
			case 0:
				vs[i] = math.Copysign(0, float64(rng.IntN(2)*2-1))
			case 1:
				vs[i] = -vs[max(i-1, 0)]
			case 2:
				vs[i] = floatEdges[rng.IntN(len(floatEdges))]
			default:
				vs[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-20))
			}
		}
		if c%10 == 0 {
			vs[rng.IntN(len(vs))] = math.MaxFloat64
		}
		var a, b neumaier
		for _, v := range vs {
			a.add(v)
		}
		b.addAll(vs)
		if !sameBits(a, b) {
			t.Fatalf("case %d: addAll %v, add %v (%v)", c, b, a, vs)
		}
	}
}
