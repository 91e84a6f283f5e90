package color

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

// rgbCube is n pixels of uint8 RGB, channel first (3, 1, n): the cube's
// corners and its twelve edges at every value, a 16-step grid through
// it, then random triples.
func rgbCube(rng *rand.Rand, n int) []uint8 {
	var px [][3]uint8
	for c := range 8 {
		px = append(px, [3]uint8{uint8(c & 1 * 255), uint8(c >> 1 & 1 * 255), uint8(c >> 2 * 255)})
	}
	for axis := range 3 {
		for c := range 4 {
			for v := range 256 {
				var p [3]uint8
				p[axis] = uint8(v)
				p[(axis+1)%3], p[(axis+2)%3] = uint8(c&1*255), uint8(c>>1*255)
				px = append(px, p)
			}
		}
	}
	for v := range 16 * 16 * 16 {
		px = append(px, [3]uint8{uint8(v & 15 * 17), uint8(v >> 4 & 15 * 17), uint8(v >> 8 * 17)})
	}
	out := make([]uint8, 3*n)
	for i := range n {
		p := [3]uint8{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))}
		if i < len(px) {
			p = px[i]
		}
		out[i], out[n+i], out[2*n+i] = p[0], p[1], p[2]
	}
	return out
}

// TestFloat64MatchesSkimage: the float64-output conversions of uint8 RGB
// (grey, hsv, lab, ycbcr), and hsvToRgb and labToRgb of float64 inputs
// (skimage's HSV and Lab of those pixels, and random HSV and Lab values
// with a few outside their ranges), against skimage.color within 1e-12
// of the range, with the AVX-512 and AVX2 loops and as the Go loops alone,
// on images of odd widths and with one-pixel axes; the float64 inputs
// also in place.
func TestFloat64MatchesSkimage(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 62))
	const n = 3*8*256 + 8 + 4096 + 3001 // edges, corners, grid, random
	cube := rgbCube(rng, n)
	// Shapes (3, y, x) cut from the pixels: odd widths and one-pixel axes.
	shapes := [][2]int{{1, n}, {n / 19, 19}, {1, 1}, {1, 3}, {7, 1}, {3, 5}}
	inp := map[string]gips.Array{}
	var script strings.Builder
	script.WriteString("import skimage.color as skc, warnings\nwarnings.simplefilter('ignore')\n" +
		"def F(f, a, three=True):\n    r = f(np.moveaxis(a, 0, -1))\n    return np.moveaxis(r, -1, 0) if three else r\n")
	rand3 := func(lo, hi [3]float64) []float64 {
		v := make([]float64, 3*n)
		for c := range 3 {
			for i := range n {
				v[c*n+i] = lo[c] + rng.Float64()*(hi[c]-lo[c])
			}
		}
		return v
	}
	hsvRand := rand3([3]float64{-0.05, -0.05, 0}, [3]float64{1.05, 1.05, 1})
	labRand := rand3([3]float64{-5, -140, -140}, [3]float64{105, 140, 140})
	for k, s := range shapes {
		m := s[0] * s[1]
		cut8 := func(v []uint8) gips.Array {
			a := make([]uint8, 3*m)
			for c := range 3 {
				copy(a[c*m:(c+1)*m], v[c*n:c*n+m])
			}
			return gips.ArrayOf(a, 3, s[0], s[1])
		}
		cut64 := func(v []float64) gips.Array {
			a := make([]float64, 3*m)
			for c := range 3 {
				copy(a[c*m:(c+1)*m], v[c*n:c*n+m])
			}
			return gips.ArrayOf(a, 3, s[0], s[1])
		}
		rgb, hsvR, labR := fmt.Sprintf("rgb%d", k), fmt.Sprintf("hsvr%d", k), fmt.Sprintf("labr%d", k)
		inp[rgb], inp[hsvR], inp[labR] = cut8(cube), cut64(hsvRand), cut64(labRand)
		for _, f := range []string{"rgb2hsv", "rgb2lab", "rgb2ycbcr"} {
			fmt.Fprintf(&script, "out['%s_%s'] = F(skc.%s, inp['%s'])\n", rgb, f, f, rgb)
		}
		fmt.Fprintf(&script, "out['%s_rgb2gray'] = F(skc.rgb2gray, inp['%s'], False)\n", rgb, rgb)
		// The inverses of skimage's own HSV and Lab, and of random values.
		fmt.Fprintf(&script, "out['%s_hsv'] = F(skc.rgb2hsv, inp['%s'])\nout['%s_hsv2rgb'] = F(skc.hsv2rgb, out['%s_hsv'])\n", rgb, rgb, rgb, rgb)
		fmt.Fprintf(&script, "out['%s_lab'] = F(skc.rgb2lab, inp['%s'])\nout['%s_lab2rgb'] = F(skc.lab2rgb, out['%s_lab'])\n", rgb, rgb, rgb, rgb)
		fmt.Fprintf(&script, "out['%s_hsv2rgb'] = F(skc.hsv2rgb, inp['%s'])\nout['%s_lab2rgb'] = F(skc.lab2rgb, inp['%s'])\n", hsvR, hsvR, labR, labR)
	}
	ref := testref.Run(t, script.String(), inp)
	type conv = func(*gips.Image, ...Option) (*gips.Image, error)
	check := func(t *testing.T, name string, f conv, in gips.Array, want gips.Array, into ...func(dst, src *gips.Image) error) {
		img, err := gips.FromRgbArray(in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := f(img)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Type() != gips.Real64 {
			t.Fatalf("%s: type %v, want Real64", name, got.Type())
		}
		g, w := imgtest.ImageValues(t, got), imgtest.Values(want)
		if len(g) != len(w) {
			t.Fatalf("%s: %d values, skimage %d", name, len(g), len(w))
		}
		r := 1.0
		for _, v := range w {
			r = max(r, math.Abs(v))
		}
		for i := range w {
			if d := math.Abs(g[i] - w[i]); !(d <= 1e-12*r) {
				t.Fatalf("%s: value %d: got %v, skimage %v (%.2g of the range)", name, i, g[i], w[i], d/r)
			}
		}
		if len(into) == 0 {
			return
		}
		// In place (dst = src: the kernels read the float64 rows themselves).
		a := in
		a.Data = append([]byte(nil), in.Data...)
		cp, err := gips.FromRgbArray(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := into[0](cp, cp); err != nil {
			t.Fatalf("%s in place: %v", name, err)
		}
		for i, v := range imgtest.ImageValues(t, cp) {
			if math.Float64bits(v) != math.Float64bits(g[i]) {
				t.Fatalf("%s in place: value %d: %v, new image %v", name, i, v, g[i])
			}
		}
	}
	everyLoop(t, func(t *testing.T) {
		for k := range shapes {
			rgb, hsvR, labR := fmt.Sprintf("rgb%d", k), fmt.Sprintf("hsvr%d", k), fmt.Sprintf("labr%d", k)
			check(t, rgb+" grey", RgbToGrey, inp[rgb], ref[rgb+"_rgb2gray"])
			check(t, rgb+" hsv", RgbToHsv, inp[rgb], ref[rgb+"_rgb2hsv"])
			check(t, rgb+" lab", RgbToLab, inp[rgb], ref[rgb+"_rgb2lab"])
			check(t, rgb+" ycbcr", RgbToYCbCr, inp[rgb], ref[rgb+"_rgb2ycbcr"])
			check(t, rgb+" hsv2rgb", HsvToRgb, ref[rgb+"_hsv"], ref[rgb+"_hsv2rgb"], HsvToRgbInto)
			check(t, rgb+" lab2rgb", LabToRgb, ref[rgb+"_lab"], ref[rgb+"_lab2rgb"], LabToRgbInto)
			check(t, hsvR+" hsv2rgb", HsvToRgb, inp[hsvR], ref[hsvR+"_hsv2rgb"], HsvToRgbInto)
			check(t, labR+" lab2rgb", LabToRgb, inp[labR], ref[labR+"_lab2rgb"], LabToRgbInto)
		}
	})
}

// TestU8F64IsGo: uint8 to float64 rgbToGrey, rgbToHsv and rgbToYCbCr give the same
// bits with the fused AVX-512 loops, the AVX2 loops and the Go loops: the
// cube's corners, edges and grid and random triples, on rows of every
// width up to 70 (the vector steps and the tail).
func TestU8F64IsGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(63, 64))
	const n = 3*8*256 + 8 + 4096 + 1000
	cube := rgbCube(rng, n)
	widths := []int{n}
	for w := 1; w <= 70; w++ {
		widths = append(widths, w)
	}
	for _, w := range widths {
		h := n / w
		a := make([]uint8, 3*h*w)
		for c := range 3 {
			copy(a[c*h*w:(c+1)*h*w], cube[c*n:c*n+h*w])
		}
		img, err := gips.FromRgbArray(gips.ArrayOf(a, 3, h, w))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []struct {
			name string
			f    func(*gips.Image, ...Option) (*gips.Image, error)
		}{{"grey", RgbToGrey}, {"hsv", RgbToHsv}, {"ycbcr", RgbToYCbCr}} {
			var outs [3][]float64
			for m := range 3 {
				avx2Only, useGo = m == 1, m == 2
				out, err := f.f(img)
				avx2Only, useGo = false, false
				if err != nil {
					t.Fatal(err)
				}
				outs[m] = imgtest.ImageValues(t, out)
			}
			for m := 1; m < 3; m++ {
				for i, v := range outs[0] {
					if math.Float64bits(v) != math.Float64bits(outs[m][i]) {
						t.Fatalf("%s width %d value %d: AVX-512 %v, %s %v", f.name, w, i, v, []string{"", "AVX2", "Go"}[m], outs[m][i])
					}
				}
			}
		}
	}
}
