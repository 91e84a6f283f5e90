package segment

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// plateaus draws images with few values (wide plateaus and ties) for
// integer types, and a spread with repeats for floats.
func plateaus(bt gips.BufferType, rng *rand.Rand) func() float64 {
	return func() float64 {
		if bt.IsFloat() && rng.IntN(2) == 0 {
			return rng.NormFloat64() * 10
		}
		if bt == gips.Binary {
			return float64(rng.IntN(2))
		}
		return float64(rng.IntN(4))
	}
}

// seeds draws markers: mostly 0, labels 1 to 4 (touching one another now
// and then), and -2 for signed types.
func seeds(bt gips.BufferType, rng *rand.Rand) func() float64 {
	return func() float64 {
		switch k := rng.IntN(30); {
		case k < 26:
			return 0
		case k == 26 && bt.IsSigned():
			return -2
		default:
			return float64(1 + rng.IntN(4))
		}
	}
}

var testMarkerTypes = []gips.BufferType{gips.Label16, gips.Int32, gips.UInt8, gips.Int16, gips.Label32, gips.UInt16}

// variants: connectivity, mask, compactness, watershed line.
type variant struct {
	conn    gips.Connectivity
	mask    bool
	compact float64
	line    bool
}

var variants = []variant{{1, false, 0, false}, {0, true, 0, false}, {1, false, 0.7, false}, {1, true, 0, true}, {0, false, 0.3, true}, {0, true, 0, true}}

const refWatershed = `
import skimage.segmentation as sks
def per(vol, fn, *arrs):
    nd = 3 if vol else 2
    if arrs[0].ndim == nd:
        return fn(*arrs)
    return np.stack([fn(*chs) for chs in zip(*arrs)])
for name, mname, kname, vol in specs:
    for v, (conn, usemask, comp, line) in enumerate(variants):
        nd = 3 if vol else 2
        c = conn or nd
        def f(a, m, k):
            return sks.watershed(a, m, connectivity=c, mask=(k != 0) if usemask else None, compactness=comp, watershed_line=line)
        out["%s_%d" % (name, v)] = per(vol, f, inp[name], inp[mname], inp[kname]).astype(inp[mname].dtype)
`

// TestWatershedMatchesSkimage: every image type (integer plateaus, floats
// with ties) in every Grid layout, markers of several integer types that
// touch each other, with and without mask, at face and full connectivity,
// compact and with watershed lines: pixel for pixel
// skimage.segmentation.watershed.
func TestWatershedMatchesSkimage(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	inp := map[string]gips.Array{}
	var py strings.Builder
	py.WriteString("variants = [")
	for _, v := range variants {
		fmt.Fprintf(&py, "(%d, %s, %g, %s), ", v.conn, pyb(v.mask), v.compact, pyb(v.line))
	}
	py.WriteString("]\nspecs = [\n")
	type tcase struct{ img, markers, mask imgtest.Sample }
	var cases []tcase
	for ti, bt := range append([]gips.BufferType{gips.Binary}, imgtest.NumericTypes...) {
		mt := testMarkerTypes[ti%len(testMarkerTypes)]
		imgs := imgtest.Samples(t, rng, bt, plateaus(bt, rng))
		mks := imgtest.Samples(t, rng, mt, seeds(mt, rng))
		masks := imgtest.Samples(t, rng, gips.Binary, func() float64 { return float64(min(1, rng.IntN(7))) })
		for i := range imgs {
			mks[i].Name += "_m" + imgs[i].Name
			masks[i].Name += "_k" + imgs[i].Name
			c := tcase{imgs[i], mks[i], masks[i]}
			cases = append(cases, c)
			for _, s := range []imgtest.Sample{c.img, c.markers, c.mask} {
				inp[s.Name] = s.Arr
			}
			fmt.Fprintf(&py, "(%q, %q, %q, %s),\n", c.img.Name, c.markers.Name, c.mask.Name, pyb(c.img.Img.Geometry().Volume))
		}
	}
	py.WriteString("]\n" + refWatershed)
	ref := testref.Run(t, py.String(), inp)
	for _, c := range cases {
		for k, v := range variants {
			name := fmt.Sprint(c.img.Name, "_", k)
			opts := []Option{WithConnectivity(v.conn), WithCompactness(v.compact), WithWatershedLine(v.line)}
			if v.mask {
				opts = append(opts, WithMask(c.mask.Img))
			}
			got, err := Watershed(c.img.Img, c.markers.Img, opts...)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			ga, _ := got.Array()
			imgtest.Equal(t, fmt.Sprintf("%s %+v", name, v), ga, ref[name])
		}
	}
}

func pyb(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// TestWatershedManySeeds: smooth 8- and 16-bit volumes with a few hundred
// seeds at random voxels (many on equal grey levels, so the queue stays a
// heap for a while and then turns hierarchical mid-flood), every
// connectivity, plain and with watershed lines (with and without a mask),
// equal to skimage.
func TestWatershedManySeeds(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	inp := map[string]gips.Array{}
	imgs := map[string]*gips.Image{}
	markers := map[string]*gips.Image{}
	masks := map[string]*gips.Image{}
	var py strings.Builder
	py.WriteString("import skimage.segmentation as sks\n")
	for _, bt := range []gips.BufferType{gips.UInt8, gips.UInt16} {
		img := smooth(bt, 47, 33, 21)
		g := img.Geometry()
		mk, _ := gips.CreateImage(g.WithType(gips.Int32))
		for k := range 300 {
			mp, _ := gips.PlaneAt[int32](mk, rng.IntN(g.SizeZ), 0, 0)
			mp.Row(rng.IntN(g.SizeY))[rng.IntN(g.SizeX)] = int32(k%250 + 1)
		}
		name := bt.String()
		imgs[name], markers[name] = img, mk
		inp[name], _ = img.Array()
		inp[name+"_m"], _ = mk.Array()
		// a mask of scattered holes (1 in 7 pixels out)
		masks[name], _ = gips.CreateImage(g.WithType(gips.Binary))
		for z := range g.SizeZ {
			for y := range g.SizeY {
				row := masks[name].Row(z, y)
				for x := range row {
					row[x] = uint8(min(1, (x+2*y+3*z)%7))
				}
			}
		}
		inp[name+"_k"], _ = masks[name].Array()
		for _, c := range []int{1, 2, 3} {
			fmt.Fprintf(&py, "out['%s_%d'] = sks.watershed(inp[%q], inp[%q], connectivity=%d).astype(np.int32)\n", name, c, name, name+"_m", c)
			fmt.Fprintf(&py, "out['%s_%d_line'] = sks.watershed(inp[%q], inp[%q], connectivity=%d, watershed_line=True).astype(np.int32)\n", name, c, name, name+"_m", c)
			fmt.Fprintf(&py, "out['%s_%d_mline'] = sks.watershed(inp[%q], inp[%q], connectivity=%d, watershed_line=True, mask=inp[%[3]q + '_k'] != 0).astype(np.int32)\n", name, c, name, name+"_m", c)
		}
	}
	ref := testref.Run(t, py.String(), inp)
	for name, img := range imgs {
		for _, c := range []gips.Connectivity{1, 2, 3} {
			got, err := Watershed(img, markers[name], WithConnectivity(c))
			if err != nil {
				t.Fatal(err)
			}
			ga, _ := got.Array()
			key := fmt.Sprint(name, "_", c)
			imgtest.Equal(t, key, ga, ref[key])
			got, err = Watershed(img, markers[name], WithConnectivity(c), WithWatershedLine(true))
			if err != nil {
				t.Fatal(err)
			}
			ga, _ = got.Array()
			imgtest.Equal(t, key+" line", ga, ref[key+"_line"])
			got, err = Watershed(img, markers[name], WithConnectivity(c), WithWatershedLine(true), WithMask(masks[name]))
			if err != nil {
				t.Fatal(err)
			}
			ga, _ = got.Array()
			imgtest.Equal(t, key+" masked line", ga, ref[key+"_mline"])
		}
	}
}
