package filter

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// bruteIndex is where a border mode reads index i of a line of n pixels,
// written from scipy's documentation (not internal/border): false for
// Constant beyond the line.
func bruteIndex(i, n int, m Mode) (int, bool) {
	if i >= 0 && i < n {
		return i, true
	}
	switch m {
	case Nearest:
		return min(max(i, 0), n-1), true
	case Wrap:
		return ((i % n) + n) % n, true
	case Reflect: // d c b a | a b c d | d c b a
		p := 2 * n
		i = ((i % p) + p) % p
		if i >= n {
			i = p - 1 - i
		}
		return i, true
	case Mirror: // d c b | a b c d | c b a
		if n == 1 {
			return 0, true
		}
		p := 2*n - 2
		i = ((i % p) + p) % p
		if i >= n {
			i = p - i
		}
		return i, true
	}
	return 0, false
}

// bruteKernel is scipy's normalised Gaussian of radius int(truncate·σ+0.5).
func bruteKernel(sigma, truncate float64) []float64 {
	if sigma <= 1e-15 {
		return []float64{1}
	}
	r := int(truncate*sigma + 0.5)
	k := make([]float64, 2*r+1)
	sum := 0.0
	for x := -r; x <= r; x++ {
		k[x+r] = math.Exp(-0.5 * float64(x*x) / (sigma * sigma))
		sum += k[x+r]
	}
	for i := range k {
		k[i] /= sum
	}
	return k
}

// bruteGaussian2D is the exact separable Gaussian of a w×h image in
// float64, tap by tap, reading every pixel through bruteIndex: in
// Constant mode cval wherever x or y is outside (scipy's y pass reads
// cval rows, its x pass cval beyond each row: the same values, as the
// weights sum to 1).
func bruteGaussian2D(pix []uint8, w, h int, sx, sy, truncate float64, m Mode, cval float64) []float64 {
	kx, ky := bruteKernel(sx, truncate), bruteKernel(sy, truncate)
	rx, ry := len(kx)/2, len(ky)/2
	at := func(x, y int) float64 {
		xi, okx := bruteIndex(x, w, m)
		yi, oky := bruteIndex(y, h, m)
		if !okx || !oky {
			return cval
		}
		return float64(pix[yi*w+xi])
	}
	// The x pass of every row the y pass reads, rows -ry ... h+ry-1.
	rows := make([]float64, (h+2*ry)*w)
	for y := -ry; y < h+ry; y++ {
		for x := range w {
			r := 0.0
			for i := -rx; i <= rx; i++ {
				r += kx[i+rx] * at(x+i, y)
			}
			rows[(y+ry)*w+x] = r
		}
	}
	out := make([]float64, w*h)
	for y := range h {
		for x := range w {
			s := 0.0
			for j := -ry; j <= ry; j++ {
				s += ky[j+ry] * rows[(y+j+ry)*w+x]
			}
			out[y*w+x] = s
		}
	}
	return out
}

// fixedImages are random and structured UInt8 images of w×h: noise,
// 0/255 checkerboards and stripes (the largest pair sums), impulses,
// flat 0 and 255 (saturation), a ramp, and, around the centre pixel, the
// worst case for the quantised weights: 255 where the fixed-point weight
// product exceeds the exact one, 0 elsewhere.
func fixedImages(rng *rand.Rand, w, h int, sx, sy, truncate float64) map[string][]uint8 {
	imgs := map[string][]uint8{}
	mk := func(name string, f func(x, y int) uint8) {
		p := make([]uint8, w*h)
		for y := range h {
			for x := range w {
				p[y*w+x] = f(x, y)
			}
		}
		imgs[name] = p
	}
	mk("noise", func(x, y int) uint8 { return uint8(rng.IntN(256)) })
	mk("binary noise", func(x, y int) uint8 { return uint8(255 * rng.IntN(2)) })
	mk("checker", func(x, y int) uint8 { return uint8(255 * ((x + y) & 1)) })
	mk("stripes", func(x, y int) uint8 { return uint8(255 * (x & 1)) })
	mk("rows", func(x, y int) uint8 { return uint8(255 * (y & 1)) })
	mk("impulses", func(x, y int) uint8 { return uint8(255 * b2i(rng.IntN(17) == 0)) })
	mk("flat 255", func(x, y int) uint8 { return 255 })
	mk("flat 0", func(x, y int) uint8 { return 0 })
	mk("ramp", func(x, y int) uint8 { return uint8((3*x + 5*y) % 256) })
	mk("near halves", func(x, y int) uint8 { return uint8(127 + rng.IntN(3)) })
	kx, ky := bruteKernel(sx, truncate), bruteKernel(sy, truncate)
	px, okx := newFxPass(kx[len(kx)/2:])
	py, oky := newFxPass(ky[len(ky)/2:])
	if okx && oky {
		wt := func(p fxPass, g []float64, i int) (float64, float64) {
			if p.identity() {
				return 1, 1
			}
			r := len(g) / 2
			k := max(i, -i)
			if k > r {
				return 0, 0
			}
			return float64(p.w[k]) / 65536, g[i+r]
		}
		for _, sign := range []float64{1, -1} {
			mk(fmt.Sprintf("adversarial %+g", sign), func(x, y int) uint8 {
				qx, ex := wt(px, kx, x-w/2)
				qy, ey := wt(py, ky, y-h/2)
				if sign*(qx*qy-ex*ey) > 0 {
					return 255
				}
				return 0
			})
		}
	}
	return imgs
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestFixedGaussianWithinOneGrey proves the fixed-point Gaussian's bound:
// on random and structured images, in every mode, for sigmas from 0.5 to
// 6 (and 0 along one axis), every UInt8 output is within one grey level of
// the exact float64 Gaussian (brute force, scipy's definition) rounded
// half away from zero, and within 1 of that exact value itself. It also
// checks that the fixed path did run (for all but the folded cases), and
// that WithPrecise takes the float path.
func TestFixedGaussianWithinOneGrey(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 7))
	sigmas := [][3]float64{{0.5, 0.5, 4}, {1, 1, 4}, {2, 2, 4}, {3.3, 1.2, 4}, {0, 2, 4}, {1.5, 0, 4}, {6, 6, 4}, {2, 2, 2.5}}
	sizes := [][2]int{{70, 41}, {33, 17}, {1, 9}, {31, 1}, {5, 3}}
	total, exact, ran := 0, 0, 0
	for _, sz := range sizes {
		w, h := sz[0], sz[1]
		for _, s := range sigmas {
			for name, pix := range fixedImages(rng, w, h, s[0], s[1], s[2]) {
				img, err := gips.FromArray(gips.ArrayOf(pix, h, w))
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range modes {
					for _, cval := range []float64{0, 255, 77} {
						if cval != 0 && m != Constant {
							continue
						}
						c := collect([]Option{WithMode(m), WithCval(cval), WithTruncate(s[2])})
						dst, _ := gips.CreateImage(img.Geometry())
						ok, err := fxGaussian(dst, img, [3]float64{s[0], s[1], 0}, c)
						if err != nil {
							t.Fatal(err)
						}
						if !ok {
							continue // folded or beyond the bound: the float path
						}
						ran++
						want := bruteGaussian2D(pix, w, h, s[0], s[1], s[2], m, cval)
						got, _ := gips.Planes[uint8](dst)
						for y := range h {
							row := got[0].Row(y)
							for x := range w {
								e := want[y*w+x]
								r := min(max(math.Round(e), 0), 255)
								v := float64(row[x])
								total++
								if v == r {
									exact++
								}
								if math.Abs(v-r) > 1 || math.Abs(v-e) >= 1 {
									t.Fatalf("%dx%d %s sigma %v %v cval %v: pixel (%d, %d): fixed point %v, exact %v (rounded %v)",
										w, h, name, s, m, cval, x, y, v, e, r)
								}
							}
						}
					}
				}
			}
		}
	}
	if ran == 0 {
		t.Fatal("the fixed-point path never ran")
	}
	t.Logf("%d fixed-point runs, %d pixels: %.4f%% equal to the exact value rounded, the rest off by one", ran, total, 100*float64(exact)/float64(total))
}

// TestFixedGaussianPaths: the default UInt8 output of a 2D UInt8 image
// takes the fixed path for sigma 2 (shown by a checkerboard, where it
// differs from the float path somewhere), WithPrecise the float path, and
// radii past the error budget fall back to it.
func TestFixedGaussianPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 15))
	pix := make([]uint8, 257*64)
	for i := range pix {
		pix[i] = uint8(rng.IntN(256))
	}
	img, _ := gips.FromArray(gips.ArrayOf(pix, 64, 257))
	dst, _ := gips.CreateImage(img.Geometry())
	if ok, err := fxGaussian(dst, img, [3]float64{2, 2, 0}, collect(nil)); !ok || err != nil {
		t.Fatalf("sigma 2: fixed path %v, %v", ok, err)
	}
	if ok, _ := fxGaussian(dst, img, [3]float64{40, 2, 0}, collect(nil)); ok {
		t.Fatal("sigma 40: the fixed path ran beyond its error budget")
	}
	fixed, err := Gaussian(img, 2, WithOutput(gips.UInt8))
	if err != nil {
		t.Fatal(err)
	}
	precise, err := Gaussian(img, 2, WithOutput(gips.UInt8), WithPrecise())
	if err != nil {
		t.Fatal(err)
	}
	want := bruteGaussian2D(pix, 257, 64, 2, 2, 4, Reflect, 0)
	fv, _ := gips.Planes[uint8](fixed)
	pv, _ := gips.Planes[uint8](precise)
	differ := 0
	for y := range 64 {
		for x := range 257 {
			e := want[y*257+x]
			f, p := float64(fv[0].Row(y)[x]), float64(pv[0].Row(y)[x])
			if math.Abs(f-math.Round(e)) > 1 {
				t.Fatalf("(%d, %d): fixed %v, exact %v", x, y, f, e)
			}
			// The float path: float32 sums, off only at a .5 tie.
			if p != math.Round(e) && math.Abs(e-math.Floor(e)-0.5) > 1e-4 {
				t.Fatalf("(%d, %d): precise %v, exact %v", x, y, p, e)
			}
			differ += b2i(f != p)
		}
	}
	t.Logf("fixed and precise differ on %d of %d pixels", differ, 257*64)
}

// TestFixedSIMDMatchesGo: each vector tier of the passes this CPU has
// (GOEXPERIMENT=simd: AVX-512, AVX2) gives exactly the Go loop's values,
// into uint16 rows and rounded into uint8, for every length 0 ... 300
// (the AVX-512 loops' 128-pixel blocks, their 32-pixel steps and the Go
// tail) and radii 1 ... 20, on inputs up to the largest the passes read
// (32767), on independent rows and on one row's shifts (the x pass), and
// widen7 likewise.
func TestFixedSIMDMatchesGo(t *testing.T) {
	if len(fxTiers) == 0 {
		t.Log("no SIMD twin in this build: the Go loops are compared with themselves (build with GOEXPERIMENT=simd)")
		checkFixedTier(t)
		return
	}
	defer fxTiers[0].use()
	for i, tier := range fxTiers {
		tier.use()
		t.Run(fmt.Sprint("tier", i), checkFixedTier)
	}
}

// checkFixedTier is TestFixedSIMDMatchesGo on the vector twins in use.
func checkFixedTier(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 16))
	for _, r := range []int{1, 2, 3, 8, 13, 20} {
		g := bruteKernel(float64(r)/4, 4)
		p, ok := newFxPass(g[len(g)/2:])
		if !ok {
			t.Fatalf("r %d: no fixed-point kernel", r)
		}
		for n := 0; n <= 300; n++ {
			srcs := make([][]uint16, 2*r+1)
			for j := range srcs {
				srcs[j] = make([]uint16, n)
				for i := range srcs[j] {
					srcs[j][i] = uint16(rng.IntN(32768))
					if rng.IntN(4) == 0 {
						srcs[j][i] = 32767
					}
				}
			}
			want, got := make([]uint16, n), make([]uint16, n)
			fxSymGo(want, nil, srcs, p.w, p.off, 0)
			fxSym(got, srcs, &p)
			want8, got8 := make([]uint8, n), make([]uint8, n)
			fxSymGo(nil, want8, srcs, p.w, p.off, 0)
			fxSymU8(got8, srcs, &p)
			for i := range want {
				if got[i] != want[i] || got8[i] != want8[i] {
					t.Fatalf("r %d n %d [%d]: SIMD %v/%v, Go %v/%v", r, n, i, got[i], got8[i], want[i], want8[i])
				}
			}
			// One row's shifts, as the x pass reads its extended row (the
			// AVX-512 tier cuts them from whole vectors of the row).
			row := make([]uint16, n+2*r)
			for i := range row {
				row[i] = uint16(rng.IntN(32768))
			}
			shifts := make([][]uint16, 2*r+1)
			for j := range shifts {
				shifts[j] = row[j : j+n]
			}
			fxSymGo(want, nil, shifts, p.w, p.off, 0)
			fxSym(got, shifts, &p)
			fxSymGo(nil, want8, shifts, p.w, p.off, 0)
			fxSymU8(got8, shifts, &p)
			for i := range want {
				if got[i] != want[i] || got8[i] != want8[i] {
					t.Fatalf("one row's shifts, r %d n %d [%d]: SIMD %v/%v, Go %v/%v", r, n, i, got[i], got8[i], want[i], want8[i])
				}
			}
			srcs8 := make([][]uint8, 2*r+1)
			for j := range srcs8 {
				srcs8[j] = make([]uint8, n)
				for i := range srcs8[j] {
					srcs8[j][i] = uint8(rng.IntN(256))
					if rng.IntN(4) == 0 {
						srcs8[j][i] = 255
					}
				}
				widen7(srcs[j], srcs8[j])
			}
			fxSymGo(want, nil, srcs, p.w, p.off, 0) // on the widened rows
			fxSymIn8(got, srcs8, &p)
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("fxSymIn8 r %d n %d [%d]: %v, fxSymGo on the widened rows %v", r, n, i, got[i], want[i])
				}
			}
			clear(got)
			fxSymIn8Go(got, srcs8, p.w, p.off, 0)
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("fxSymIn8Go r %d n %d [%d]: %v, fxSymGo on the widened rows %v", r, n, i, got[i], want[i])
				}
			}
			src := make([]uint8, n)
			for i := range src {
				src[i] = uint8(rng.IntN(256))
			}
			wide := make([]uint16, n)
			widen7(wide, src)
			for i, v := range src {
				if wide[i] != uint16(v)*128 {
					t.Fatalf("widen7 n %d [%d]: %v for %v", n, i, wide[i], v)
				}
			}
		}
	}
}
