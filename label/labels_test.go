package label

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// labelValues draws non-negative labels: 0 about 40% of the time, 1 to 5,
// and now and then the type's largest value (sparse labels).
func labelValues(bt gips.BufferType, rng *rand.Rand, big bool) func() float64 {
	_, hi := bt.Range()
	return func() float64 {
		switch k := rng.IntN(20); {
		case k < 8:
			return 0
		case k == 8 && big:
			return hi
		default:
			return float64(1 + rng.IntN(5))
		}
	}
}

var intTypes = []gips.BufferType{gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32, gips.Label8, gips.Label16, gips.Label32}

const refLabels = `
import scipy.ndimage as ndi, skimage.segmentation as sks, skimage.morphology as skmo
def per(a, vol, fn):
    nd = 3 if vol else 2
    if a.ndim == nd:
        return fn(a)
    return np.stack([fn(ch) for ch in a])
def rso(a, vol, mn, conn):
    nd = 3 if vol else 2
    if a.dtype == np.bool_:
        return per(a, vol, lambda x: skmo.remove_small_objects(x, mn, connectivity=min(conn or nd, nd))).astype(np.uint8)
    if a.max() < 1 << 20:
        return skmo.remove_small_objects(a, mn)
    u, c = np.unique(a, return_counts=True)  # skimage's bincount, without 2^32 bins
    return np.where(np.isin(a, u[(c < mn) & (u != 0)]), 0, a).astype(a.dtype)
`

// TestLabelOpsMatchSkimage: relabelSequential (relabel_sequential),
// labelSizes (numpy.bincount), removeSmallObjects (remove_small_objects on
// labels, and on Binary at connectivity 1 and 2) and clearBorder
// (clear_border with buffer_size 0 and 1, bgval 0 and 7) on every integer
// type in every Grid layout.
func TestLabelOpsMatchSkimage(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	inp := map[string]gips.Array{}
	var py strings.Builder
	py.WriteString(refLabels + "specs = [\n")
	var all []imgtest.Sample
	pyb := map[bool]string{true: "True", false: "False"}
	for _, bt := range append([]gips.BufferType{gips.Binary}, intTypes...) {
		gen := labelValues(bt, rng, true)
		if bt == gips.Binary {
			gen = few(bt, rng)
		}
		for _, s := range imgtest.Samples(t, rng, bt, gen) {
			all = append(all, s)
			inp[s.Name] = s.Arr
			g := s.Img.Geometry()
			cb1 := min(g.SizeX, g.SizeY) > 1 && (!g.Volume || g.SizeZ > 1)
			fmt.Fprintf(&py, "(%q, %s, %s, %s),\n", s.Name, pyb[g.Volume], pyb[bt == gips.Binary], pyb[cb1])
		}
	}
	py.WriteString(`]
for name, vol, isbin, cb1 in specs:
    a = inp[name]
    if isbin:
        a = a != 0
        for c in (1, 2):
            out[name + "_rso%d" % c] = rso(a, vol, 3, c)
    else:
        out[name + "_rel"] = sks.relabel_sequential(a)[0].astype(a.dtype)
        out[name + "_rso"] = rso(a, vol, 3, 1)
    for bv in (0, 7):
        for bs in ((0, 1) if cb1 else (0,)):
            out[name + "_cb%d%d" % (bs, bv)] = per(a, vol, lambda x: sks.clear_border(x, bs, bv)).astype(inp[name].dtype)
`)
	ref := testref.Run(t, py.String(), inp)
	check := func(name string, got *gips.Image, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return
		}
		want, ok := ref[name]
		if !ok {
			t.Fatalf("%s: no reference", name)
		}
		ga, _ := got.Array()
		imgtest.Equal(t, name, ga, want)
	}
	for _, s := range all {
		if s.Img.Type() == gips.Binary {
			for _, c := range []gips.Connectivity{1, 2} {
				got, err := RemoveSmallObjects(s.Img, 3, c)
				check(fmt.Sprint(s.Name, "_rso", c), got, err)
			}
		} else {
			got, n, err := RelabelSequential(s.Img)
			check(s.Name+"_rel", got, err)
			if mx := maxOf(imgtest.Values(ref[s.Name+"_rel"])); err == nil && n != int(mx) {
				t.Errorf("%s: relabel count %d, max %v", s.Name, n, mx)
			}
			got, err = RemoveSmallObjects(s.Img, 3, 1)
			check(s.Name+"_rso", got, err)
		}
		for _, bv := range []int{0, 7} {
			for _, bs := range []int{0, 1} {
				name := fmt.Sprint(s.Name, "_cb", bs, bv)
				if _, ok := ref[name]; !ok {
					continue
				}
				got, err := ClearBorder(s.Img, bs, float64(bv))
				check(name, got, err)
			}
		}
	}
}

func maxOf(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

// TestSizesIsBincount: labelSizes equals numpy.bincount; sparse large
// labels and negative values are refused with a message naming them.
func TestSizesIsBincount(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, bt := range intTypes {
		for _, s := range imgtest.Samples(t, rng, bt, labelValues(bt, rng, false))[:3] {
			got, err := LabelSizes(s.Img)
			if err != nil {
				t.Fatal(err)
			}
			want := make([]int64, 6)
			for _, v := range imgtest.Values(s.Arr) {
				want[int(v)]++
			}
			for len(want) > 1 && want[len(want)-1] == 0 {
				want = want[:len(want)-1]
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: sizes %v, bincount %v", s.Name, got, want)
			}
		}
	}
	big, _ := gips.FromArray(gips.ArrayOf([]uint32{0, 1, 4000000000, 1}, 2, 2))
	if _, err := LabelSizes(big); err == nil || !strings.Contains(err.Error(), "relabel") {
		t.Errorf("sparse labels: %v", err)
	}
	neg, _ := gips.FromArray(gips.ArrayOf([]int16{0, 1, -3, 1}, 2, 2))
	if _, err := LabelSizes(neg); err == nil || !strings.Contains(err.Error(), "-3") {
		t.Errorf("negative label: %v", err)
	}
	if _, _, err := RelabelSequential(neg); err == nil {
		t.Error("relabel of a negative label accepted")
	}
	b, _ := gips.CreateImage(gips.Geometry2d(gips.Binary, 3, 3))
	if _, err := ClearBorder(b, 3, 0); err == nil || !strings.Contains(err.Error(), "buffer_size") {
		t.Errorf("buffer_size 3 on 3x3: %v", err)
	}
	if _, err := RemoveSmallObjects(b, -1, 1); err == nil || !strings.Contains(err.Error(), "min_size") {
		t.Errorf("min_size -1: %v", err)
	}
}
