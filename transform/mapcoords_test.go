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

// TestMapCoordinatesWideTilesMatchScipy: a grid of points larger than a
// coordinate tile (coordTiles) in both directions and wider than a
// segment (segLen), so that tiles, the segments of a tile row and the
// tiles' edges all meet, on the fused kernels (uint8, float32 and
// uint16 with float32 or float64 coordinates) and the general path
// (int32), against scipy.ndimage.map_coordinates, orders 0 and 1.
func TestMapCoordinatesWideTilesMatchScipy(t *testing.T) {
	const h, w = 70, 1300                               // the image (numpy shape h, w)
	oh, ow := coordTiles.rows*2+3, coordTiles.cols*2+37 // the grid of points
	rng := rand.New(rand.NewPCG(5, 6))
	u8 := make([]uint8, h*w)
	for i := range u8 {
		u8[i] = uint8(rng.IntN(256))
	}
	// Points in and around the image, x and y, float32 and float64.
	cx64, cy64 := make([]float64, oh*ow), make([]float64, oh*ow)
	cx32, cy32 := make([]float32, oh*ow), make([]float32, oh*ow)
	for i := range cx64 {
		cx32[i], cy32[i] = float32(rng.Float64()*(w+4)-2), float32(rng.Float64()*(h+4)-2)
		cx64[i], cy64[i] = float64(cx32[i]), float64(cy32[i])
	}
	a8 := gips.ArrayOf(u8, h, w)
	ref := testref.Run(t, `import scipy.ndimage as ndi
c = np.stack([inp["cy"], inp["cx"]])
out["r"] = np.stack([ndi.map_coordinates(inp["a"].astype(t), c, order=o, mode=m, cval=7).astype(np.float64)
                     for t in (np.uint8, np.float32, np.uint16, np.int32) for o in (0, 1) for m in ("nearest", "constant")])
`, map[string]gips.Array{"a": a8, "cx": gips.ArrayOf(cx64, oh, ow), "cy": gips.ArrayOf(cy64, oh, ow)})
	i := 0
	for _, a := range []gips.Array{a8, widened[float32](u8, h, w), widened[uint16](u8, h, w), widened[int32](u8, h, w)} {
		img, err := gips.FromArray(a)
		if err != nil {
			t.Fatal(err)
		}
		bt := img.Type()
		for _, o := range []int{0, 1} {
			for _, m := range []Mode{Nearest, Constant} {
				for _, c := range []struct {
					name   string
					coords []gips.Array
				}{{"float32", []gips.Array{gips.ArrayOf(cx32, oh, ow), gips.ArrayOf(cy32, oh, ow)}},
					{"float64", []gips.Array{gips.ArrayOf(cx64, oh, ow), gips.ArrayOf(cy64, oh, ow)}}} {
					var coords []*gips.Image
					for _, a := range c.coords {
						ci, _ := gips.FromArray(a)
						coords = append(coords, ci)
					}
					got, err := MapCoordinates(img, coords, WithOrder(o), WithMode(m), WithCval(7))
					if err != nil {
						t.Fatal(err)
					}
					compareRef(t, fmt.Sprintf("%v order %d %v, %s coordinates", bt, o, m, c.name), o,
						imgtest.ImageValues(t, got), imgtest.Values(ref["r"].Index(0, i)), 255)
				}
				i++
			}
		}
	}
}

// widened is the array of v's values as T, of shape (h, w).
func widened[T gips.Pixel](v []uint8, h, w int) gips.Array {
	d := make([]T, len(v))
	for i, x := range v {
		d[i] = T(x)
	}
	return gips.ArrayOf(d, h, w)
}
