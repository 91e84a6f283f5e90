package morpho

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

var binFuncs = []func(dst, src *gips.Image, se SE, opts ...BinaryOption) error{
	BinaryErodeInto, BinaryDilateInto, BinaryOpeningInto, BinaryClosingInto,
}

// binaryValues draws mostly true pixels (so that erosion has work), true
// written as 1, 2 or 255.
func binaryValues(rng *rand.Rand) func() float64 {
	return func() float64 {
		switch rng.IntN(10) {
		case 0, 1, 2:
			return 0
		case 3:
			return 255
		case 4:
			return 2
		}
		return 1
	}
}

type binCase struct {
	iterations int
	border     bool
}

// binCases are the iterations and border values tested with each
// footprint: until no change (0) only with footprints whose centre is
// true, as scipy would loop forever otherwise.
func binCases(centred bool) []binCase {
	cs := []binCase{{1, false}, {1, true}, {2, false}, {3, true}}
	if centred {
		cs = append(cs, binCase{0, false}, binCase{0, true})
	}
	return cs
}

// TestBinaryMatchesScipy compares the four binary ops with
// scipy.ndimage.binary_* on Binary and UInt8 inputs (true as 1, 2 or
// 255) in every Grid layout, with odd, even and irregular structures,
// border values 0 and 1 and 1, 2, 3 or unlimited iterations.
func TestBinaryMatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 21))
	fps := map[int][]SE{
		2: {Cross(2), Rect(3, 3), Disk(2), Rect(4, 1), irregular(2)},
		3: {Cross(3), Box(3, 3, 3), Ball(1), Box(2, 3, 1), irregular(3), Disk(1), Box(3, 4, 5)},
	}
	inp := map[string]gips.Array{}
	var script strings.Builder
	fmt.Fprintf(&script, "import scipy.ndimage as ndi\n%s\nbins = [ndi.binary_erosion, ndi.binary_dilation, ndi.binary_opening, ndi.binary_closing]\n", pyApply)
	type variant struct {
		fp int
		c  binCase
	}
	vars := map[int][]variant{}
	for nd, l := range fps {
		for i, s := range l {
			inp[fmt.Sprintf("fp%d_%d", nd, i)] = seArray(s)
			sz := s.Size()
			for _, c := range binCases(s.At(sz[0]/2, sz[1]/2, sz[2]/2)) {
				vars[nd] = append(vars[nd], variant{i, c})
			}
		}
		var pv []string
		for _, v := range vars[nd] {
			pv = append(pv, fmt.Sprintf("(%d, %d, %d)", v.fp, v.c.iterations, map[bool]int{false: 0, true: 1}[v.c.border]))
		}
		fmt.Fprintf(&script, "vars%d = [%s]\n", nd, strings.Join(pv, ", "))
	}
	var samples []imgtest.Sample
	for _, bt := range []gips.BufferType{gips.Binary, gips.UInt8} {
		for _, c := range imgtest.Samples(t, rng, bt, binaryValues(rng)) {
			samples = append(samples, c)
			inp[c.Name] = c.Arr
			nd := 2
			if is3D(c.Name) {
				nd = 3
			}
			fmt.Fprintf(&script, "out[%q] = np.stack([apply(%q, inp[%q], lambda a: b(a != 0, fit(inp['fp%d_%%d' %% fp], a), iterations=it, border_value=bv)) for b in bins for fp, it, bv in vars%d]).astype(np.uint8)\n",
				c.Name, c.Name, c.Name, nd, nd)
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, c := range samples {
		nd := 2
		if is3D(c.Name) {
			nd = 3
		}
		k := 0
		for bi, f := range binFuncs {
			for _, v := range vars[nd] {
				out, err := gips.CreateImage(c.Img.Geometry().WithType(gips.Binary))
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("%s %s fp%d %+v", c.Name, binNames[bi], v.fp, v.c)
				if err := f(out, c.Img, fps[nd][v.fp], WithIterations(v.c.iterations), WithBorderValue(v.c.border)); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				a, _ := out.Array()
				imgtest.Equal(t, name, a, ref[c.Name].Index(0, k))
				k++
			}
		}
	}
}
