package morpho

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/gipsdev/gips/internal/nbhd"
)

// TestDiagMatchesBruteForce holds the diagonal line kernel (the AVX-512
// one where the build and machine have it, and its pixel-by-pixel twin)
// to bruteMin: 45° and 135° lines, odd and even footprints (their centre
// off the line's middle), erosion and dilation, every mode, widths about
// the kernel's least (narrower ones take the chord kernel) and odd,
// heights that end planes mid-group, planes of many groups that par splits
// into chunks (four workers, so that the chunks start mid-plane and span
// planes), and bytes with 0 and 255.
func TestDiagMatchesBruteForce(t *testing.T) {
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	rng := rand.New(rand.NewPCG(24, 45))
	diagBools := func(n int, anti bool, w int) SE {
		on := make([]bool, w*n)
		for j := range n {
			x := j
			if anti {
				x = w - 1 - j
			}
			on[j*w+x] = true
		}
		return FromBools(on, w, n, 1)
	}
	ses := []SE{Line(15, 45), Line(15, 135), Line(40, 45), diagBools(8, false, 8), diagBools(10, true, 12), diagBools(9, false, 14)}
	kernels := map[string]diagKernel{"go": diagGroupGo}
	if diagRun != nil {
		kernels["simd"] = diagRun
	}
	saved := diagRun
	defer func() { diagRun = saved }()
	for _, d := range []nbhd.Dims{{NX: 71, NY: 5, NZ: 1}, {NX: 72, NY: 37, NZ: 2}, {NX: 129, NY: 20, NZ: 1}, {NX: 301, NY: 13, NZ: 1}, {NX: 80, NY: 150, NZ: 2}} {
		src := make([]uint8, d.Len())
		for i := range src {
			src[i] = []uint8{0, 255, uint8(rng.IntN(256))}[min(2, rng.IntN(100))] // few extremes: each window's is at a random pixel
		}
		for si, s := range ses {
			for _, m := range modes {
				for _, reflect := range []bool{false, true} {
					want := bruteMin(src, d, s, reflect, m, 7)
					f := append([]uint8(nil), src...)
					nbhd.Flip(f)
					wantMax := bruteMin(f, d, s, !reflect, m, nbhd.FlipValue(uint8(7)))
					nbhd.Flip(wantMax)
					for kn, k := range kernels {
						diagRun = k
						name := fmt.Sprintf("%s %v se%d %v reflect=%v", kn, d, si, m, reflect)
						if _, ok := diagOf(makePlan(s, reflect, d, m)); !ok {
							t.Fatalf("%s: not a diagonal", name)
						}
						got := make([]uint8, len(src))
						posts := make([]int, d.NY*d.NZ)
						post := func(y, z int, row []uint8) { posts[z*d.NY+y]++ }
						ran, err := diagFilter(bufView(got, d), bufView(src, d), d, makePlan(s, reflect, d, m), false, m, 7, post)
						if err != nil {
							t.Fatal(err)
						}
						if !ran { // too narrow for the kernel: the chord kernel's result
							if d.NX >= 100 {
								t.Fatalf("%s: the diagonal kernel did not run", name)
							}
							if err := linesFilter(bufView(got, d), bufView(src, d), d, makePlan(s, reflect, d, m), false, m, 7, post); err != nil {
								t.Fatal(err)
							}
						}
						compare(t, name, got, want)
						for i, c := range posts {
							if c != 1 {
								t.Fatalf("%s: row %d posted %d times", name, i, c)
							}
						}
						gotMax := make([]uint8, len(src))
						if err := pass(bufView(gotMax, d), bufView(src, d), d, s, !reflect, true, m, 7, nil); err != nil {
							t.Fatal(err)
						}
						compare(t, name+" max", gotMax, wantMax)
					}
				}
			}
		}
	}
}
