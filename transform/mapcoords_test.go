package transform

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// TestMapCoordinatesMatchesScipy: random points inside and outside a 2D
// image and an oblique 2D grid of points through a volume, every order and
// mode, against scipy.ndimage.map_coordinates.
func TestMapCoordinatesMatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(71, 72))
	d2, d3 := make([]float64, 11*13), make([]float64, 5*8*9)
	for i := range d2 {
		d2[i] = rng.Float64() * 100
	}
	for i := range d3 {
		d3[i] = rng.Float64() * 100
	}
	a2, a3 := gips.ArrayOf(d2, 11, 13), gips.ArrayOf(d3, 5, 8, 9)
	i2, _ := gips.FromArray(a2)
	i3, _ := gips.FromArray(a3)
	// Points: a 6 x 4 grid of coordinates (x, y, z), some outside.
	pts := func(n []float64, d3 bool) []*gips.Image {
		var out []*gips.Image
		axes := 2
		if d3 {
			axes = 3
		}
		for a := 0; a < axes; a++ {
			c := make([]float64, 24)
			for i := range c {
				c[i] = rng.Float64()*(n[a]+4) - 2
			}
			img, _ := gips.FromArray(gips.ArrayOf(c, 4, 6))
			out = append(out, img)
		}
		return out
	}
	c2, c3 := pts([]float64{13, 11}, false), pts([]float64{9, 8, 5}, true)
	inp := map[string]gips.Array{"a2": a2, "a3": a3}
	for a, c := range c2 {
		inp[fmt.Sprintf("c2_%d", a)], _ = c.Array()
	}
	for a, c := range c3 {
		inp[fmt.Sprintf("c3_%d", a)], _ = c.Array()
	}
	ref := testref.Run(t, `import scipy.ndimage as ndi, warnings
warnings.simplefilter('ignore')
c2 = np.stack([inp["c2_1"], inp["c2_0"]])
c3 = np.stack([inp["c3_2"], inp["c3_1"], inp["c3_0"]])
out["m2"] = np.stack([ndi.map_coordinates(inp["a2"], c2, order=o, mode=m, cval=-1) for o in range(6) for m in `+pyModes()+`])
out["m3"] = np.stack([ndi.map_coordinates(inp["a3"], c3, order=o, mode=m, cval=-1) for o in range(6) for m in `+pyModes()+`])
`, inp)
	i := 0
	for o := 0; o <= maxOrder; o++ {
		for _, m := range allModes {
			for _, c := range []struct {
				name   string
				img    *gips.Image
				coords []*gips.Image
			}{{"m2", i2, c2}, {"m3", i3, c3}} {
				got, err := MapCoordinates(c.img, c.coords, WithOrder(o), WithMode(m), WithCval(-1))
				if err != nil {
					t.Fatal(err)
				}
				compareRef(t, fmt.Sprintf("%s order %d %v", c.name, o, m), o, imgtest.ImageValues(t, got), imgtest.Values(ref[c.name].Index(0, i)), 100)
			}
			i++
		}
	}
}
