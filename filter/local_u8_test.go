package filter

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestLocalVarianceUint8Wide checks the integer path (2D UInt8) on rows
// wider than the reference tests' against a brute-force variance of each
// box written here (two-pass mean and squared deviations in float64), odd
// and even sizes, every mode, Real32 output, with a cval the integer path
// takes (9) and one it leaves to the float path (2.5).
func TestLocalVarianceUint8Wide(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 1))
	w, h := 70, 9
	img, at := randomUint8(t, rng, w, h)
	for _, sz := range [][2]int{{3, 3}, {4, 5}, {1, 3}, {6, 1}} {
		for _, m := range modes {
			for _, cval := range []float64{9, 2.5} {
				for _, std := range []bool{false, true} {
					out, err := gips.CreateImage(gips.Geometry2d(gips.Real32, w, h))
					if err != nil {
						t.Fatal(err)
					}
					run := LocalVarianceInto
					if std {
						run = LocalStdInto
					}
					if err := run(out, img, [3]int{sz[0], sz[1], 1}, WithMode(m), WithCval(cval)); err != nil {
						t.Fatal(err)
					}
					op, _ := gips.Planes[float32](out)
					for y := range h {
						for x := range w {
							var vals []float64
							for j := -sz[1] / 2; j < sz[1]-sz[1]/2; j++ {
								for i := -sz[0] / 2; i < sz[0]-sz[0]/2; i++ {
									vals = append(vals, at(x+i, y+j, m, cval))
								}
							}
							mean := 0.0
							for _, v := range vals {
								mean += v
							}
							mean /= float64(len(vals))
							want := 0.0
							for _, v := range vals {
								want += (v - mean) * (v - mean)
							}
							want /= float64(len(vals))
							if std {
								want = math.Sqrt(want)
							}
							if got := float64(op[0].Row(y)[x]); math.Abs(got-want) > 1e-3+1e-6*want {
								t.Fatalf("size %v %v cval %v std %v (%d,%d): got %v, want %v", sz, m, cval, std, x, y, got, want)
							}
						}
					}
				}
			}
		}
	}
}
