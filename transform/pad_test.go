package transform

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// TestPadMatchesNumpy: every mode (wrap by periodic indexing, see below), widths narrower and much wider than the
// image (1-pixel rows and columns included), every layout, against
// numpy.pad.
func TestPadMatchesNumpy(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	samples := imgtest.Samples(t, rng, gips.UInt16, nil)
	widths := [][2][3]int{{{1, 2, 1}, {3, 0, 2}}, {{25, 40, 9}, {7, 31, 12}}}
	inp := map[string]gips.Array{}
	var script strings.Builder
	// numpy 1.24's wrap repeats the wrong part of the array when a width
	// exceeds the size (fixed in later numpy): wrap is checked against
	// plain periodic indexing, np.take with indices mod n on each axis.
	script.WriteString(`def W(a, pw):
    for ax, (b, e) in enumerate(pw):
        a = np.take(a, (np.arange(-b, a.shape[ax] + e)) % a.shape[ax], axis=ax)
    return a
`)
	for _, s := range samples {
		g := s.Img.Geometry()
		inp[s.Name] = s.Arr
		for wi, w := range widths {
			var pw []string
			if g.SizeC > 1 {
				pw = append(pw, "(0, 0)")
			}
			if g.Volume {
				pw = append(pw, fmt.Sprintf("(%d, %d)", w[0][2], w[1][2]))
			}
			pw = append(pw, fmt.Sprintf("(%d, %d)", w[0][1], w[1][1]), fmt.Sprintf("(%d, %d)", w[0][0], w[1][0]))
			for _, m := range PadModeNames {
				if m == "empty" {
					continue // undefined in numpy
				}
				kw := ""
				if m == "constant" {
					kw = ", constant_values=777"
				}
				if m == "wrap" {
					fmt.Fprintf(&script, "out['%s_%d_%s'] = W(inp[%q], (%s,))\n", s.Name, wi, m, s.Name, strings.Join(pw, ", "))
					continue
				}
				fmt.Fprintf(&script, "out['%s_%d_%s'] = np.pad(inp[%q], (%s), mode=%q%s)\n", s.Name, wi, m, s.Name, strings.Join(pw, ", "), m, kw)
			}
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, s := range samples {
		for wi, w := range widths {
			for mi, m := range PadModeNames {
				if m == "empty" {
					continue
				}
				got, err := Pad(s.Img, w[0], w[1], PadMode(mi), 777)
				if err != nil {
					t.Fatal(err)
				}
				want := ref[fmt.Sprintf("%s_%d_%s", s.Name, wi, m)]
				if fmt.Sprint(got.Geometry().Shape()) != fmt.Sprint(want.Shape) {
					t.Fatalf("%s %s: shape %v, numpy %v", s.Name, m, got.Geometry().Shape(), want.Shape)
				}
				gv, wv := imgtest.ImageValues(t, got), imgtest.Values(want)
				for i := range wv {
					if gv[i] != wv[i] {
						t.Fatalf("%s widths %v %s: pixel %d: got %v, numpy %v", s.Name, w, m, i, gv[i], wv[i])
					}
				}
			}
		}
	}
}
