package filter

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestLaplaceUint8ToReal32MatchesScipy: the integer path (UInt8 into
// Real32, 2D layouts; volumes take the generic path) equals
// scipy.ndimage.laplace(output=float32) exactly, in every mode, cval 7
// (an integer cval in [0, 255]: the integer path in Constant mode too).
func TestLaplaceUint8ToReal32MatchesScipy(t *testing.T) {
	cases := []refCase{{name: "laplace u8 -> f32", py: "ndi.laplace(v, output=np.float32, mode=m, cval=cval)", tol: 0,
		run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
			return Laplace(img, WithMode(m), WithCval(cval), WithOutput(gips.Real32))
		}}}
	compareRef(t, 31, []gips.BufferType{gips.UInt8}, modes, 7, "", cases)
}

// TestLaplaceUint8Wide checks wide rows (the vector loop's many steps and
// its tail) against a brute-force 5-point sum written here, in every mode,
// with a cval the integer path takes (9) and one it leaves to the float
// path (2.5).
func TestLaplaceUint8Wide(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	for _, wh := range [][2]int{{100, 6}, {67, 3}, {26, 2}, {1, 5}} {
		w, h := wh[0], wh[1]
		img, at := randomUint8(t, rng, w, h)
		for _, m := range modes {
			for _, cval := range []float64{9, 2.5} {
				out, err := Laplace(img, WithMode(m), WithCval(cval), WithOutput(gips.Real32))
				if err != nil {
					t.Fatal(err)
				}
				op, _ := gips.Planes[float32](out)
				for y := range h {
					for x := range w {
						want := at(x-1, y, m, cval) + at(x+1, y, m, cval) + at(x, y-1, m, cval) + at(x, y+1, m, cval) - 4*at(x, y, m, cval)
						if got := float64(op[0].Row(y)[x]); math.Abs(got-want) > 1e-4 {
							t.Fatalf("%dx%d %v cval %v (%d,%d): got %v, want %v", w, h, m, cval, x, y, got, want)
						}
					}
				}
			}
		}
	}
}

// refIndex is scipy.ndimage's index of pixel i of a line of n pixels
// extended by mode m (false: Constant's cval), written out independently
// of internal/border for this test.
func refIndex(i, n int, m Mode) (int, bool) {
	if i >= 0 && i < n {
		return i, true
	}
	switch m {
	case Constant:
		return 0, false
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
	panic("mode")
}

// TestLaplaceRowSIMDMatchesGo: lapRow with the AVX2 loop (GOEXPERIMENT=simd
// on AVX2) equals the pure-Go loop on every length from 0 to 80, extreme
// values included.
func TestLaplaceRowSIMDMatchesGo(t *testing.T) {
	vec := lapVec
	t.Cleanup(func() { lapVec = vec })
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n <= 80; n++ {
		up, down, ext := make([]uint8, n), make([]uint8, n), make([]uint8, n+2+16)
		for _, s := range [][]uint8{up, down, ext} {
			for i := range s {
				s[i] = uint8(rng.IntN(256))
				if rng.IntN(4) == 0 {
					s[i] = uint8(255 * rng.IntN(2))
				}
			}
		}
		got, want := make([]float32, n), make([]float32, n)
		lapVec = vec
		lapRow(got, up, down, ext)
		lapVec = func([]float32, []uint8, []uint8, []uint8) int { return 0 }
		lapRow(want, up, down, ext)
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				t.Fatalf("n=%d [%d]: SIMD %v, pure Go %v", n, i, got[i], want[i])
			}
		}
	}
}

// randomUint8 is a w x h UInt8 image of random values and its pixel at
// (x, y) read the way border mode m extends it (cval outside for
// constant): the brute-force references' view of the input.
func randomUint8(t *testing.T, rng *rand.Rand, w, h int) (*gips.Image, func(x, y int, m Mode, cval float64) float64) {
	t.Helper()
	img, err := gips.CreateImage(gips.Geometry2d(gips.UInt8, w, h))
	if err != nil {
		t.Fatal(err)
	}
	pl, _ := gips.WritablePlanes[uint8](img)
	for y := range h {
		for x := range pl[0].Row(y) {
			pl[0].Row(y)[x] = uint8(rng.IntN(256))
		}
	}
	return img, func(x, y int, m Mode, cval float64) float64 {
		xi, okx := refIndex(x, w, m)
		yi, oky := refIndex(y, h, m)
		if !okx || !oky {
			return cval
		}
		return float64(pl[0].Row(yi)[xi])
	}
}
