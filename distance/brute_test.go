package distance

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// twins runs fn with the SIMD kernel (in the SIMD build) and with the
// pure-Go one.
func twins(t *testing.T, fn func(t *testing.T)) {
	defer func() { useSIMD = true }()
	for _, simd := range []bool{true, false} {
		useSIMD = simd
		t.Run(fmt.Sprint("simd=", simd), fn)
	}
}

// minAll is the 1D transform by definition: min over every sample p of
// f[p] + w*(q-p)^2, each candidate rounded as the kernels round it.
func minAll(f []float64, w float64) []float64 {
	d := make([]float64, len(f))
	for q := range f {
		d[q] = math.Inf(1)
		for p, fp := range f {
			k := float64(q - p)
			d[q] = min(d[q], fp+w*k*k)
		}
	}
	return d
}

// randomLine: zeros 1 in gap+1, +Inf 1 in 10, else integer squares (as
// the passes see them) or, when !integer, any value in [0, 400).
func randomLine(rng *rand.Rand, n, gap int, integer bool) []float64 {
	f := make([]float64, n)
	for i := range f {
		switch {
		case rng.IntN(gap+1) == 0:
			f[i] = 0
		case rng.IntN(10) == 0:
			f[i] = math.Inf(1)
		case integer:
			k := float64(rng.IntN(30))
			f[i] = k * k
		default:
			f[i] = 400 * rng.Float64()
		}
	}
	return f
}

// TestBruteMatchesDefinition: brute over s lines at once (s = 1: one line
// along itself; 8, 32: lines side by side, as laneLines holds them) is the
// minimum over every sample wherever it does not report the line over
// reach, SIMD and pure Go alike (same values, same lines over), on lines
// of 1 to 300 samples with zeros close together and far apart, in unit
// and in inexact sampling.
func TestBruteMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for _, w := range []float64{1, 0.49} {
		c := newParabola(w)
		for _, s := range []int{1, 8, 32} {
			for _, n := range []int{1, 2, 7, 8, 9, 63, 64, 65, 129, 300} {
				for _, gap := range []int{0, 3, 40, 1000} {
					lines := make([][]float64, s)
					f := make([]float64, (n+2*reach)*s)
					for i := range f {
						f[i] = math.Inf(1)
					}
					for l := range lines {
						lines[l] = randomLine(rng, n, gap, w == 1)
						for k, v := range lines[l] {
							f[(reach+k)*s+l] = v
						}
					}
					var d [2][]float64
					var over [2][]bool
					for i, simd := range []bool{true, false} {
						useSIMD = simd
						d[i], over[i] = make([]float64, len(f)), make([]bool, s)
						brute(f, d[i], reach*s, (reach+n)*s, s, c, over[i])
					}
					useSIMD = true
					name := fmt.Sprintf("w %v s %d n %d gap %d", w, s, n, gap)
					for i := range d[0] {
						if d[0][i] != d[1][i] && !(math.IsInf(d[0][i], 1) && math.IsInf(d[1][i], 1)) {
							t.Fatalf("%s: SIMD %v, pure Go %v at %d", name, d[0][i], d[1][i], i)
						}
					}
					for l, line := range lines {
						if over[0][l] != over[1][l] {
							t.Fatalf("%s line %d: over SIMD %v, pure Go %v", name, l, over[0][l], over[1][l])
						}
						if over[0][l] {
							continue
						}
						for q, want := range minAll(line, w) {
							if got := d[0][(reach+q)*s+l]; got != want {
								t.Fatalf("%s line %d sample %d: %v, want %v", name, l, q, got, want)
							}
						}
					}
				}
			}
		}
	}
}

// TestPadLineFallsBack: a line whose samples are farther than reach from
// a zero takes the envelope, and its result is still the minimum (exact in
// unit sampling, within roundings otherwise); Line, EDT's pass along z out
// of core, is the same.
func TestPadLineFallsBack(t *testing.T) {
	twins(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(33, 34))
		p := newPadLine(400)
		l := NewLine(400)
		for _, w := range []float64{1, 0.49} {
			c := newParabola(w)
			for _, n := range []int{1, 5, 100, 200, 400, 130} {
				f := randomLine(rng, n, 1000, w == 1)
				want := minAll(f, w)
				got := p.run(f, w, c)
				for q := range want {
					if got[q] != want[q] && math.Abs(got[q]-want[q]) > 1e-13*want[q] {
						t.Fatalf("w %v n %d sample %d: %v, want %v", w, n, q, got[q], want[q])
					}
				}
				if got := l.Envelope(f, w); fmt.Sprint(got) != fmt.Sprint(p.run(f, w, c)) {
					t.Fatalf("w %v n %d: Line %v, padLine %v", w, n, got, p.run(f, w, c))
				}
			}
		}
	})
}

// farZeros draws a grey volume (or 2D image when sz is 0) with nzero zero
// voxels at random, the rest 1: distances of tens to hundreds of voxels,
// past reach along every axis.
func farZeros(t *testing.T, rng *rand.Rand, sx, sy, sz, nzero int) *gips.Image {
	g := gips.Geometry3d(gips.UInt8, sx, sy, sz)
	if sz == 0 {
		g, sz = gips.Geometry2d(gips.UInt8, sx, sy), 1
	}
	img, err := gips.CreateImage(g)
	if err != nil {
		t.Fatal(err)
	}
	for z := range sz {
		for y := range sy {
			row := img.Row(z, y)
			for x := range row {
				row[x] = 1
			}
		}
	}
	for range nzero {
		img.Row(rng.IntN(sz), rng.IntN(sy))[rng.IntN(sx)] = 0
	}
	return img
}

// TestEDTFarAndThin: volumes and 2D images whose distances run past
// reach (the passes fall back to the envelope on some lines and not on
// others), blobs, and volumes with an axis of one voxel, against scipy in
// unit and anisotropic sampling, with the SIMD kernel and the pure-Go one.
func TestEDTFarAndThin(t *testing.T) {
	rng := rand.New(rand.NewPCG(35, 36))
	imgs := map[string]*gips.Image{
		"far3":   farZeros(t, rng, 157, 9, 141, 3),
		"near3":  farZeros(t, rng, 70, 33, 67, 400),
		"one3":   farZeros(t, rng, 131, 1, 1, 1),
		"col3":   farZeros(t, rng, 1, 1, 203, 2),
		"plane3": farZeros(t, rng, 1, 150, 90, 2),
		"far2":   farZeros(t, rng, 301, 7, 0, 2),
		"blobs3": imgtest.Blobs(77, 5, 129, true),
	}
	inp := map[string]gips.Array{}
	var py strings.Builder
	py.WriteString(refEDT)
	for name, img := range imgs {
		inp[name], _ = img.Array()
		vol := map[bool]string{true: "True", false: "False"}[img.Geometry().Volume]
		fmt.Fprintf(&py, "a = inp[%q].astype(np.float64)\nout[%[1]q + '_0'] = edt(a, %s, (1.0, 1.0, 1.0))\nout[%[1]q + '_1'] = edt(a, %[2]s, (2.1, 1.3, 0.7))\n", name, vol)
	}
	ref := testref.Run(t, py.String(), inp)
	twins(t, func(t *testing.T) {
		for name, img := range imgs {
			nd := 2
			if img.Geometry().Volume {
				nd = 3
			}
			for k, samp := range samplings {
				if samp != nil {
					samp = samp[:nd]
				}
				want := imgtest.Values(ref[fmt.Sprint(name, "_", k)])
				for _, ot := range []gips.BufferType{gips.Real64, gips.Real32} {
					got, err := EDT(img, WithSampling(samp...), WithOutput(ot))
					if err != nil {
						t.Fatal(name, err)
					}
					closeTo(t, fmt.Sprint(name, " sampling ", samp, " ", ot), imgtest.ImageValues(t, got), want, ot)
				}
			}
		}
	})
}
