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

// TestZoomVolumeSplineMatchesScipy: the z-first interpolation of orders 2
// to 5 (separable3.go) and its prefilter sweeps (prefilter.go) against
// scipy.ndimage.zoom and shift on volumes of odd sizes, with a 1-voxel x,
// y or z axis and a single voxel, in every mode and both grid modes, with
// a cval, to within 1e-6 of the input's range.
func TestZoomVolumeSplineMatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	shapes := [][3]int{{5, 7, 9}, {4, 1, 6}, {3, 6, 1}, {1, 5, 7}, {1, 1, 1}, {6, 1, 1}} // z, y, x
	inp := map[string]gips.Array{}
	var script strings.Builder
	script.WriteString(zoomPrelude)
	imgs := make([]*gips.Image, len(shapes))
	for i, sh := range shapes {
		data := make([]float64, sh[0]*sh[1]*sh[2])
		for k := range data {
			data[k] = rng.Float64()*200 - 50
		}
		a := gips.ArrayOf(data, sh[:]...)
		img, err := gips.FromArray(a)
		if err != nil {
			t.Fatal(err)
		}
		imgs[i] = img
		name := fmt.Sprint("v", i)
		inp[name] = a
		fmt.Fprintf(&script, "a = inp[%q]\n", name)
		fmt.Fprintf(&script, "out[%q] = np.stack([ndi.zoom(a, (0.6, 1.7, 0.7), order=o, mode=m, cval=3.5, grid_mode=g) for o in range(2, 6) for m in %s for g in (False, True)])\n", name+"z", pyModes())
		fmt.Fprintf(&script, "out[%q] = np.stack([ndi.shift(a, s, order=o, mode=m, cval=3.5) for o in range(2, 6) for m in %s for s in ((-1.3, 0.4, 2.6), (-13.2, 12.9, 13.6))])\n", name+"s", pyModes())
	}
	ref := testref.Run(t, script.String(), inp)
	for i, img := range imgs {
		name := fmt.Sprint("v", i)
		r := valueRange(imgtest.ImageValues(t, img))
		zi, si := 0, 0
		for o := 2; o <= maxOrder; o++ {
			for _, m := range allModes {
				for _, g := range []bool{false, true} {
					what := fmt.Sprintf("%v zoom order %d %v grid %v", shapes[i], o, m, g)
					got, err := Zoom(img, 0.7, 1.7, 0.6, WithOrder(o), WithMode(m), WithCval(3.5), WithGridMode(g))
					if err != nil {
						t.Fatal(what, err)
					}
					compareRef(t, what, o, imgtest.ImageValues(t, got), imgtest.Values(ref[name+"z"].Index(0, zi)), r)
					zi++
				}
				// Shifts past the 12 samples of padding reach the taps
				// that read cval in GridConstant mode.
				for _, s := range [][3]float64{{2.6, 0.4, -1.3}, {13.6, 12.9, -13.2}} {
					what := fmt.Sprintf("%v shift %v order %d %v", shapes[i], s, o, m)
					got, err := Shift(img, s[0], s[1], s[2], WithOrder(o), WithMode(m), WithCval(3.5))
					if err != nil {
						t.Fatal(what, err)
					}
					compareRef(t, what, o, imgtest.ImageValues(t, got), imgtest.Values(ref[name+"s"].Index(0, si)), r)
					si++
				}
			}
		}
	}
}
