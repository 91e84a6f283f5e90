package color

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// rowSamples are dense float inputs of one channel for the row kernels:
// [0, 1] and a margin on either side, the special values, and exact ties
// (every third value repeats the previous one) so that hsv's tie rules run.
func rowSamples(rng *rand.Rand, n int, lo, hi float64) []float64 {
	s := make([]float64, n)
	special := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, lo, hi, math.NaN(), math.Inf(1), math.Inf(-1), 1e-300, 0.0031308, 0.008856, 0.2068966}
	for i := range s {
		switch {
		case i < len(special):
			s[i] = special[i]
		case i%3 == 0:
			s[i] = s[i-1]
		default:
			s[i] = lo + rng.Float64()*(hi-lo)
		}
	}
	return s
}

type formula3 func(a, b, c float64) (float64, float64, float64)

// near: a and b are the same number (NaNs included) or within tol.
func near(a, b float64, tol float64) bool {
	return a == b || (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) <= tol
}

// TestRowKernelsAreTheFormulas: every row kernel against its per-pixel
// formula of formulas.go on dense float samples (ties, zeros, NaN, ±Inf,
// values around each formula's threshold), float64 and float32 outputs.
// hsv, hsvToRgb, rgbToLab and ycbcr give the same numbers bit for bit;
// labToRgb's gamma (cube root and two square roots for math.Pow) within 8
// within 1e-13 of the [0, 1] result (t·t·t for math.Pow(t, 3) and the
// cube root for math.Pow, through the matrix and the gamma's slope near
// its threshold), inside the package's 1e-12.
// The row kernels run with their AVX-512 and AVX2 loops (where the build
// and the machine have them) and as the Go loops alone (useGo).
func TestRowKernelsAreTheFormulas(t *testing.T) { everyLoop(t, rowKernelsAreTheFormulas) }

func rowKernelsAreTheFormulas(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const n = 200000
	cases := []struct {
		name   string
		row64  func(o0, o1, o2 []float64, a, b, c []float64)
		row32  func(o0, o1, o2 []float32, a, b, c []float64)
		f      formula3
		lo, hi [3]float64
		tol    float64
	}{
		{"hsv", hsvRow[float64], hsvRow[float32], hsv, [3]float64{-0.2, -0.2, -0.2}, [3]float64{1.2, 1.2, 1.2}, 0},
		{"hsvToRgb", rgbFromHsvRow[float64], rgbFromHsvRow[float32], rgbFromHsv, [3]float64{-0.2, -0.2, -0.2}, [3]float64{1.2, 1.2, 1.2}, 0},
		{"labLinear", labRow[float64], labRow[float32], labLinear, [3]float64{-0.1, -0.1, -0.1}, [3]float64{1.3, 1.3, 1.3}, 0},
		{"labToRgb", rgbFromLabRow[float64], rgbFromLabRow[float32], rgbFromLab, [3]float64{-10, -140, -140}, [3]float64{110, 140, 140}, 1e-13},
		{"ycbcr", ycbcrRow[float64], ycbcrRow[float32], ycbcr, [3]float64{-0.2, -0.2, -0.2}, [3]float64{1.2, 1.2, 1.2}, 0},
	}
	for _, c := range cases {
		var in [3][]float64
		for k := range 3 {
			in[k] = rowSamples(rng, n, c.lo[k], c.hi[k])
		}
		// Shuffle the special values between channels.
		rng.Shuffle(n, func(i, j int) { in[1][i], in[1][j] = in[1][j], in[1][i] })
		cp := func(s []float64) []float64 { return append([]float64(nil), s...) }
		var o64 [3][]float64
		var o32 [3][]float32
		for k := range 3 {
			o64[k], o32[k] = make([]float64, n), make([]float32, n)
		}
		// In runs of block, as convert.go calls them (they may overwrite
		// their inputs).
		for x0 := 0; x0 < n; x0 += block {
			x1 := min(x0+block, n)
			c.row64(o64[0][x0:x1], o64[1][x0:x1], o64[2][x0:x1], cp(in[0][x0:x1]), cp(in[1][x0:x1]), cp(in[2][x0:x1]))
			c.row32(o32[0][x0:x1], o32[1][x0:x1], o32[2][x0:x1], cp(in[0][x0:x1]), cp(in[1][x0:x1]), cp(in[2][x0:x1]))
		}
		for i := range n {
			a, b, d := c.f(in[0][i], in[1][i], in[2][i])
			for k, want := range [3]float64{a, b, d} {
				if !near(o64[k][i], want, c.tol) {
					t.Fatalf("%s(%v, %v, %v) channel %d: row kernel %v, formula %v", c.name, in[0][i], in[1][i], in[2][i], k, o64[k][i], want)
				}
				if w32 := float32(want); c.tol == 0 && math.Float32bits(o32[k][i]) != math.Float32bits(w32) && !(w32 != w32 && o32[k][i] != o32[k][i]) {
					t.Fatalf("%s(%v, %v, %v) channel %d float32: row kernel %v, formula %v", c.name, in[0][i], in[1][i], in[2][i], k, o32[k][i], w32)
				}
				if c.tol > 0 && o32[k][i] != float32(o64[k][i]) && !(o32[k][i] != o32[k][i]) {
					t.Fatalf("%s channel %d float32: %v, float64 %v", c.name, k, o32[k][i], o64[k][i])
				}
			}
		}
	}
}

// TestPow5of12WithinUlps: the gamma's power c^(1/2.4) as a cube root and
// two square roots, against c^(5/12) computed in 200-bit arithmetic
// (math/big: Newton on y^12 = c^5) over the gamma's range and beyond, and
// against math.Pow(c, 1/2.4) on the gamma's range (its exponent is 5/12
// rounded, which moves powers of numbers far from 1 by more ulps).
func TestPow5of12WithinUlps(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const prec = 200
	exact := func(c float64) float64 {
		bc := new(big.Float).SetPrec(prec).SetFloat64(c)
		c5 := new(big.Float).SetPrec(prec).Mul(bc, bc)
		c5.Mul(c5, c5).Mul(c5, bc)
		y := new(big.Float).SetPrec(prec).SetFloat64(math.Pow(c, 5.0/12))
		twelve := new(big.Float).SetPrec(prec).SetInt64(12)
		for range 4 { // y -= (y^12 - c^5) / (12 y^11)
			y11 := new(big.Float).SetPrec(prec).Set(y)
			for range 10 {
				y11.Mul(y11, y)
			}
			num := new(big.Float).SetPrec(prec).Mul(y11, y)
			num.Sub(num, c5)
			den := new(big.Float).SetPrec(prec).Mul(y11, twelve)
			y.Sub(y, num.Quo(num, den))
		}
		f, _ := y.Float64()
		return f
	}
	xs := []float64{0.0031308, math.Nextafter(0.0031308, 1), 0.04045, 0.5, 1, math.Nextafter(1, 2), 2, 0x1p-999, 0x1p999}
	for range 20000 {
		xs = append(xs, 0.0031308+rng.Float64()*1.5, math.Ldexp(1+rng.Float64(), rng.IntN(60)-50))
	}
	worst, worstPow := 0.0, 0.0
	for _, c := range xs {
		got, want := pow5of12(c), exact(c)
		ulp := math.Nextafter(want, math.Inf(1)) - want
		worst = max(worst, math.Abs(got-want)/ulp)
		if math.Abs(got-want) > 4*ulp {
			t.Fatalf("pow5of12(%v) = %v, exact %v (%.1f ulps)", c, got, want, math.Abs(got-want)/ulp)
		}
		if c < 0.0031308 || c > 1e6 {
			continue // 1/2.4 is not 5/12: far from 1, math.Pow's power differs by that
		}
		p := math.Pow(c, 1/2.4)
		worstPow = max(worstPow, math.Abs(got-p)/ulp)
		if math.Abs(got-p) > 6*ulp {
			t.Fatalf("pow5of12(%v) = %v, math.Pow %v (%.1f ulps)", c, got, p, math.Abs(got-p)/ulp)
		}
	}
	t.Logf("worst %.2f ulps from the exact power, %.2f from math.Pow", worst, worstPow)
}

// TestLabFRowIsLabF: the loop with cbrt written out gives labF's numbers,
// bit for bit, around the threshold, over the range and at the edges.
func TestLabFRowIsLabF(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	s := rowSamples(rng, 100000, -0.1, 1.3)
	s = append(s, 0x1p-1000, 0x1p1000, 0x1.fffffffffffffp999, math.MaxFloat64, 0.008856, math.Nextafter(0.008856, 1))
	for range 10000 {
		s = append(s, math.Ldexp(1+rng.Float64(), rng.IntN(2000)-1000))
	}
	got := append([]float64(nil), s...)
	for x0 := 0; x0 < len(got); x0 += block {
		labFRow(got[x0:min(x0+block, len(got))])
	}
	for i, v := range s {
		if w := labF(v); math.Float64bits(got[i]) != math.Float64bits(w) && !(math.IsNaN(w) && math.IsNaN(got[i])) {
			t.Fatalf("labFRow(%v) = %v, labF %v", v, got[i], w)
		}
	}
}

// TestUint8EveryValueIsTheFormula: every conversion of a uint8 image in
// which each channel takes each of its 256 values 256 times, in 65536
// different triples (r = x, g = y, b = x+y mod 256 on a 256x256 image,
// plus an odd width so that the last block is partial), against the
// per-pixel formulas on img_as_float's values: the table paths (the
// scaled values, rgbToLab's gamma expansion) give the formulas' numbers
// bit for bit; labToRgb within 1e-13 (its fast power; float32 within
// float32's rounding of that).
func TestUint8EveryValueIsTheFormula(t *testing.T) {
	for _, w := range []int{256, 259} {
		img, err := gips.CreateImage(gips.GeometryRgb2d(gips.UInt8, w, 256))
		if err != nil {
			t.Fatal(err)
		}
		pl, err := gips.WritablePlanes[uint8](img)
		if err != nil {
			t.Fatal(err)
		}
		val := func(x, y, c int) uint8 { return uint8([3]int{x, y, x + y}[c]) }
		g := img.Geometry()
		for c := range 3 {
			for y := range 256 {
				row := pl[g.PlaneIndex(0, c, 0)].Row(y)
				for x := range row {
					row[x] = val(x, y, c)
				}
			}
		}
		for _, cc := range []struct {
			name string
			f    func(*gips.Image, ...Option) (*gips.Image, error)
			ref  formula3
			tol  float64
		}{
			{"hsv", RgbToHsv, hsv, 0},
			{"hsvToRgb", HsvToRgb, rgbFromHsv, 0},
			{"lab", RgbToLab, lab, 0},
			{"labToRgb", LabToRgb, rgbFromLab, 1e-13},
			{"ycbcr", RgbToYCbCr, ycbcr, 0},
		} {
			for _, out := range []gips.BufferType{gips.Real64, gips.Real32} {
				got, err := cc.f(img, WithOutput(out))
				if err != nil {
					t.Fatal(err)
				}
				v := imgtest.ImageValues(t, got)
				i := 0
				for c := range 3 {
					for y := range 256 {
						for x := range w {
							a, b, d := cc.ref(float64(val(x, y, 0))*(1.0/255), float64(val(x, y, 1))*(1.0/255), float64(val(x, y, 2))*(1.0/255))
							want := [3]float64{a, b, d}[c]
							tol := cc.tol
							if out == gips.Real32 {
								want = float64(float32(want))
								if tol > 0 {
									tol = 1e-7 // one float32 rounding of a value in [0, 1]
								}
							}
							if got := v[i]; !near(got, want, tol) {
								t.Fatalf("%s %v width %d (%d, %d, %d) channel %d: %v, formula %v", cc.name, out, w, val(x, y, 0), val(x, y, 1), val(x, y, 2), c, got, want)
							}
							i++
						}
					}
				}
			}
		}
	}
}
