package filter

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestLaplaceFloat32MatchesScipy: the one-pass Real32 path agrees with
// scipy.ndimage.laplace on float32 input within edges_test's tolerance
// (scipy adds each axis in float64 and rounds once per axis), in every
// mode (cval 0 in Constant mode, the one the path takes).
func TestLaplaceFloat32MatchesScipy(t *testing.T) {
	cases := []refCase{{name: "laplace f32", py: "ndi.laplace(v, mode=m, cval=cval)", tol: 1e-5,
		run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
			return Laplace(img, WithMode(m), WithCval(cval))
		}}}
	compareRef(t, 33, []gips.BufferType{gips.Real32}, modes, 0, "", cases)
}

// TestLaplaceFloat32OnePassMatchesStreamed: the one-pass path (vector loop
// and Go loop) gives the streamed path's floats, on wide and narrow images
// (1 to 70 columns: the vector loop's steps and tail), every mode, values
// that round differently in another order (large and small magnitudes
// mixed), ±Inf, NaN (compared as NaN), -0.
func TestLaplaceFloat32OnePassMatchesStreamed(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 11))
	special := []float32{float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), float32(math.Copysign(0, -1)), math.MaxFloat32, 1e-40}
	for _, wh := range [][2]int{{70, 5}, {33, 3}, {9, 2}, {8, 1}, {1, 6}, {17, 17}} {
		w, h := wh[0], wh[1]
		pix := make([]float32, w*h)
		for i := range pix {
			switch r := rng.IntN(20); {
			case r == 0:
				pix[i] = special[rng.IntN(len(special))]
			case r < 10:
				pix[i] = float32(rng.NormFloat64() * 1e7)
			default:
				pix[i] = float32(rng.NormFloat64())
			}
		}
		src, err := gips.FromArray(gips.ArrayOf(pix, h, w))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range modes {
			c := collect([]Option{WithMode(m)})
			want, _ := gips.CreateImage(src.Geometry())
			if err := laplaceRun[float32](want, src, c); err != nil {
				t.Fatal(err)
			}
			wp, _ := gips.Planes[float32](want)
			for _, vec := range []bool{true, false} {
				got, _ := gips.CreateImage(src.Geometry())
				saved := lap32Vec
				if !vec {
					lap32Vec = func(out, up, down, left, centre, right []float32) int { return 0 }
				}
				done, err := laplaceF32(got, src, c)
				lap32Vec = saved
				if !done || err != nil {
					t.Fatalf("%dx%d %v: one-pass path done %v, %v", w, h, m, done, err)
				}
				gp, _ := gips.Planes[float32](got)
				for y := range h {
					for x := range w {
						a, b := gp[0].At(x, y), wp[0].At(x, y)
						if math.Float32bits(a) != math.Float32bits(b) && !(a != a && b != b) {
							t.Fatalf("%dx%d %v vector %v: (%d, %d) = %v, streamed %v", w, h, m, vec, x, y, a, b)
						}
					}
				}
			}
		}
	}
}
