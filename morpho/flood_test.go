package morpho

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

// TestFillHolesMatchesScipy compares FillHoles with
// scipy.ndimage.binary_fill_holes on random binary samples (many holes of
// every shape) with face, full and irregular even structures.
func TestFillHolesMatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(30, 31))
	fps := map[int][]SE{2: {Cross(2), Rect(3, 3), irregular(2)}, 3: {Cross(3), Box(3, 3, 3), irregular(3), Disk(1)}}
	inp := footprintInputs(fps)
	var script strings.Builder
	fmt.Fprintf(&script, "import scipy.ndimage as ndi\n%s\n", pyApply)
	var samples []imgtest.Sample
	for _, bt := range []gips.BufferType{gips.Binary, gips.UInt8} {
		for _, c := range imgtest.Samples(t, rng, bt, binaryValues(rng)) {
			samples = append(samples, c)
			inp[c.Name] = c.Arr
			nd := sampleNdim(c.Name)
			fmt.Fprintf(&script, "out[%q] = np.stack([apply(%q, inp[%q], lambda a: ndi.binary_fill_holes(a != 0, structure=fit(inp['fp%d_%%d' %% i], a))) for i in range(%d)]).astype(np.uint8)\n",
				c.Name, c.Name, c.Name, nd, len(fps[nd]))
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, c := range samples {
		for i, s := range fps[sampleNdim(c.Name)] {
			out, err := FillHoles(c.Img, s)
			if err != nil {
				t.Fatal(err)
			}
			a, _ := out.Array()
			imgtest.Equal(t, fmt.Sprintf("%s fp%d", c.Name, i), a, ref[c.Name].Index(0, i))
		}
	}
}

func sampleNdim(name string) int {
	if is3D(name) {
		return 3
	}
	return 2
}

func footprintInputs(fps map[int][]SE) map[string]gips.Array {
	inp := map[string]gips.Array{}
	for nd, l := range fps {
		for i, s := range l {
			inp[fmt.Sprintf("fp%d_%d", nd, i)] = seArray(s)
		}
	}
	return inp
}

// connFootprints are ConnectivitySE for each connectivity of 2D and 3D
// images, plus a larger footprint (odd, not symmetric in shape).
func connFootprints() map[int][]SE {
	return map[int][]SE{
		2: {ConnectivitySE(1, 2), ConnectivitySE(2, 2), Diamond(2)},
		3: {ConnectivitySE(1, 3), ConnectivitySE(2, 3), ConnectivitySE(3, 3), Disk(1)},
	}
}

// hFor is the test's h for type bt: a fifth of the value range, whole, or
// with a half added (skimage's float path for integer images).
func hFor(bt gips.BufferType, frac bool) float64 {
	lo, hi := bt.Range()
	if bt.IsSigned() && !bt.IsFloat() {
		lo, hi = lo/2, hi/2
	}
	if bt.IsFloat() {
		lo, hi = -1000, 1000
	}
	if bt.ItemSize() == 4 && !bt.IsFloat() {
		lo, hi = float64(int64(lo/4)), float64(int64(hi/4))
	}
	h := math.Round((hi - lo) / 5)
	if frac {
		h += 0.5
	}
	return h
}

// TestFloodsMatchSkimage compares Reconstruct (by dilation from the grey
// erosion, by erosion from the grey dilation), HMaxima and HMinima (whole
// and fractional h) and RegionalMaxima and RegionalMinima with
// scikit-image on plateau-rich samples of every numeric type and Grid
// layout, with every connectivity.
func TestFloodsMatchSkimage(t *testing.T) {
	rng := rand.New(rand.NewPCG(40, 41))
	fps := connFootprints()
	inp := footprintInputs(fps)
	var script strings.Builder
	fmt.Fprintf(&script, `import scipy.ndimage as ndi, skimage.morphology as skm, warnings
warnings.simplefilter("ignore")
%s
def floods(a, fp, conn, h1, h2):
    fp = fit(fp, a)
    ero, dil = ndi.grey_erosion(a, size=3), ndi.grey_dilation(a, size=3)
    return [skm.reconstruction(ero, a, "dilation", fp), skm.reconstruction(dil, a, "erosion", fp),
        skm.h_maxima(a, h1, fp), skm.h_maxima(a, h2, fp), skm.h_minima(a, h1, fp), skm.h_minima(a, h2, fp),
        skm.local_maxima(a, connectivity=conn), skm.local_minima(a, connectivity=conn)]
`, pyApply)
	var samples []imgtest.Sample
	for _, bt := range imgtest.NumericTypes {
		gen := plateaus(bt, rng)
		if bt.IsSigned() && !bt.IsFloat() {
			// skimage's np.ptp overflows in the image's type when the range
			// exceeds the type's maximum (and it then finds no maxima);
			// gips computes the range exactly. Keep signed ranges below it.
			full := gen
			gen = func() float64 { return math.Floor(full() / 2) }
		}
		for _, c := range imgtest.Samples(t, rng, bt, gen) {
			samples = append(samples, c)
			inp[c.Name] = c.Arr
			nd := sampleNdim(c.Name)
			h1, h2 := hFor(bt, false), hFor(bt, true)
			if bt.IsFloat() {
				h2 = h1 + 0.25
			}
			fmt.Fprintf(&script, "out[%q] = np.stack([apply(%q, inp[%q], lambda a: np.stack(floods(a, inp['fp%d_%%d' %% i], min(i+1, %d), %v, %v)).astype(np.float64)) for i in range(%d)])\n",
				c.Name, c.Name, c.Name, nd, nd, pyNum(bt, h1), pyNum(bt, h2), len(fps[nd]))
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, c := range samples {
		nd := sampleNdim(c.Name)
		bt := c.Img.Type()
		h1, h2 := hFor(bt, false), hFor(bt, true)
		if bt.IsFloat() {
			h2 = h1 + 0.25
		}
		ero, err := Erode(c.Img, Box(3, 3, 3-map[int]int{2: 2, 3: 0}[nd]))
		if err != nil {
			t.Fatal(err)
		}
		dil, err := Dilate(c.Img, Box(3, 3, 3-map[int]int{2: 2, 3: 0}[nd]))
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range fps[nd] {
			conn := gips.Connectivity(min(i+1, nd))
			results := []func() (*gips.Image, error){
				func() (*gips.Image, error) { return Reconstruct(ero, c.Img, ByDilation, s) },
				func() (*gips.Image, error) { return Reconstruct(dil, c.Img, ByErosion, s) },
				func() (*gips.Image, error) { return HMaxima(c.Img, h1, s) },
				func() (*gips.Image, error) { return HMaxima(c.Img, h2, s) },
				func() (*gips.Image, error) { return HMinima(c.Img, h1, s) },
				func() (*gips.Image, error) { return HMinima(c.Img, h2, s) },
				func() (*gips.Image, error) { return RegionalMaxima(c.Img, conn) },
				func() (*gips.Image, error) { return RegionalMinima(c.Img, conn) },
			}
			names := []string{"reconstruct dilation", "reconstruct erosion", "hMaxima", "hMaxima frac", "hMinima", "hMinima frac", "regionalMaxima", "regionalMinima"}
			for k, f := range results {
				out, err := f()
				if err != nil {
					t.Fatalf("%s %s fp%d: %v", c.Name, names[k], i, err)
				}
				a, _ := out.Array()
				want := ref[c.Name].Index(0, i)
				if strings.Contains(c.Name, "_mc") {
					want = want.Index(1, k)
				} else {
					want = want.Index(0, k)
				}
				imgtest.Equal(t, fmt.Sprintf("%s %s fp%d", c.Name, names[k], i), a, want)
			}
		}
	}
}

// pyNum writes h as skimage should receive it: an integer for a whole h
// on an integer image (skimage's integer path), a float otherwise.
func pyNum(bt gips.BufferType, h float64) string {
	if !bt.IsFloat() && h == math.Trunc(h) {
		return fmt.Sprintf("%d", int64(h))
	}
	return fmt.Sprintf("%v", h)
}
