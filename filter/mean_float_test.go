package filter

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/gipsdev/gips"
)

// TestMeanFloatMatchesFloatPath: the Real32 box mean gives the float
// path's bits (run directly, on one worker so that both run whole planes
// as one band) for images of mixed magnitudes with -0, denormals,
// infinities and NaNs, odd and even boxes up to the largest that does not
// fold, every mode and Constant values, widths across the vector sizes;
// boxes that fold are refused.
func TestMeanFloatMatchesFloatPath(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	rng := rand.New(rand.NewPCG(7, 32))
	special := []float32{float32(math.Copysign(0, -1)), 0, 1e-40, -1e-42, float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), 3e38, -3e38}
	boxes := [][2]int{{1, 2}, {2, 1}, {3, 3}, {5, 5}, {4, 6}, {2, 2}, {9, 1}, {1, 7}, {17, 3}, {40, 40}, {300, 2}}
	sizes := [][2]int{{23, 11}, {1, 6}, {9, 1}, {37, 19}, {4, 4}}
	ran := 0
	for _, sz := range sizes {
		w, h := sz[0], sz[1]
		for kind := range 3 {
			pix := make([]float32, w*h)
			for i := range pix {
				switch kind {
				case 0:
					pix[i] = float32(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(12)-6)))
				case 1:
					pix[i] = float32(rng.IntN(65536)) / 7
					if rng.IntN(40) == 0 {
						pix[i] = special[rng.IntN(len(special))]
					}
				case 2:
					pix[i] = special[rng.IntN(2)] // signed zeros
				}
			}
			img, err := gips.FromArray(gips.ArrayOf(pix, h, w))
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range boxes {
				for _, m := range modes {
					for _, cval := range []float64{0, -2.5, 1e30} {
						if cval != 0 && m != Constant {
							continue
						}
						name := fmt.Sprintf("%dx%d kind %d box %v %v cval %v", w, h, kind, b, m, cval)
						c := collect([]Option{WithMode(m), WithCval(cval)})
						size := [3]int{b[0], b[1], 1}
						got, _ := gips.CreateImage(img.Geometry())
						done, err := meanFloat(got, img, size, c)
						if err != nil {
							t.Fatal(err)
						}
						if !done {
							continue // a folded box: the float path's
						}
						ran++
						want, _ := gips.CreateImage(img.Geometry())
						if err := run(meanJob[float64](want, img, size, c)); err != nil {
							t.Fatal(err)
						}
						gp, _ := gips.Planes[float32](got)
						wp, _ := gips.Planes[float32](want)
						for y := range h {
							for x := range w {
								g, w := gp[0].Row(y)[x], wp[0].Row(y)[x]
								if math.Float32bits(g) != math.Float32bits(w) {
									t.Fatalf("%s: pixel (%d, %d): %v, float path %v", name, x, y, g, w)
								}
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d Real32 box means equal to the float path", ran)
}
