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
	"github.com/gipsdev/gips/ops"
)

// labelRuns draws label images: runs (in memory order) of a label from a
// few, so that labels touch each other, the border and label-0 gaps, and
// some are one pixel; label 0 about one sample in eight.
func labelRuns(bt gips.BufferType, rng *rand.Rand) func() float64 {
	_, hi := bt.Range()
	labels := []float64{1, 2, 3, 5, hi}
	if bt.IsSigned() {
		labels = append(labels, -1)
	}
	cur := 1.0
	return func() float64 {
		if rng.IntN(4) == 0 {
			if rng.IntN(8) == 0 {
				cur = 0
			} else {
				cur = labels[rng.IntN(len(labels))]
			}
		}
		return cur
	}
}

// refLabelEDT is the per-label scipy reference: for each label l,
// distance_transform_edt(a == l) on l's pixels; a channel one label covers
// entirely is +inf (gips' documented answer, as for EDT).
const refLabelEDT = `
import scipy.ndimage as ndi
def ledt1(a, samp):
    out = np.zeros(a.shape)
    for l in np.unique(a):
        if l == 0:
            continue
        m = a == l
        if m.all():
            return np.full(a.shape, np.inf)
        out[m] = ndi.distance_transform_edt(m, sampling=samp)[m]
    return out
def ledt(a, vol, samp):
    nd = 3 if vol else 2
    if a.ndim == nd:
        return ledt1(a, samp[-nd:])
    return np.stack([ledt1(ch, samp[-nd:]) for ch in a])
`

// TestLabelEDTMatchesScipy: label and integer types in every Grid layout,
// isotropic and anisotropic, Real64 within 1e-12 relative of the per-label
// scipy reference, Real32 within one float32 rounding.
func TestLabelEDTMatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	inp := map[string]gips.Array{}
	var py strings.Builder
	py.WriteString(refLabelEDT)
	var all []imgtest.Sample
	pyb := map[bool]string{true: "True", false: "False"}
	for _, bt := range []gips.BufferType{gips.Label8, gips.Label16, gips.Label32, gips.UInt8, gips.UInt16, gips.Int32} {
		for _, s := range imgtest.Samples(t, rng, bt, labelRuns(bt, rng)) {
			all = append(all, s)
			inp[s.Name] = s.Arr
			vol := pyb[s.Img.Geometry().Volume]
			fmt.Fprintf(&py, "a = inp[%q]\nout[%[1]q + '_0'] = ledt(a, %s, (1.0, 1.0, 1.0))\nout[%[1]q + '_1'] = ledt(a, %[2]s, (2.1, 1.3, 0.7))\n", s.Name, vol)
		}
	}
	ref := testref.Run(t, py.String(), inp)
	for _, s := range all {
		nd := 2
		if s.Img.Geometry().Volume {
			nd = 3
		}
		for k, samp := range samplings {
			if samp != nil {
				samp = samp[:nd]
			}
			want := imgtest.Values(ref[fmt.Sprint(s.Name, "_", k)])
			for _, ot := range []gips.BufferType{gips.Real64, gips.Real32} {
				got, err := LabelEDT(s.Img, WithSampling(samp...), WithOutput(ot))
				if err != nil {
					t.Fatal(s.Name, err)
				}
				closeTo(t, fmt.Sprint(s.Name, " sampling ", samp, " ", ot), imgtest.ImageValues(t, got), want, ot)
			}
		}
	}
}

// TestLabelEDTSpecial: one label everywhere is +Inf, no label 0; a binary
// image's labels (0/1) give EDT's answer; the op equals the Go function.
func TestLabelEDTSpecial(t *testing.T) {
	for _, fill := range []uint16{0, 7} {
		pix := make([]uint16, 4*5*6)
		for i := range pix {
			pix[i] = fill
		}
		img, _ := gips.FromArray(gips.ArrayOf(pix, 4, 5, 6))
		d, err := LabelEDT(img)
		if err != nil {
			t.Fatal(err)
		}
		want := 0.0
		if fill != 0 {
			want = math.Inf(1)
		}
		for i, v := range imgtest.ImageValues(t, d) {
			if v != want {
				t.Fatalf("fill %d: pixel %d = %v, want %v", fill, i, v, want)
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	pix := make([]uint8, 9*10*11)
	for i := range pix {
		pix[i] = uint8(min(1, rng.IntN(9)))
	}
	img, _ := gips.FromArray(gips.ArrayOf(pix, 9, 10, 11))
	e, _ := EDT(img, WithSampling(0.5, 2, 3), WithOutput(gips.Real64))
	l, err := LabelEDT(img, WithSampling(0.5, 2, 3), WithOutput(gips.Real64))
	if err != nil {
		t.Fatal(err)
	}
	closeTo(t, "binary labels vs EDT", imgtest.ImageValues(t, l), imgtest.ImageValues(t, e), gips.Real64)
	res, err := ops.Call("distance.labelEdt", []*gips.Image{img}, nil, map[string]any{"sampling": []float64{0.5, 2, 3}, "output": "Real64"})
	if err != nil {
		t.Fatal(err)
	}
	closeTo(t, "op vs Go", imgtest.ImageValues(t, res.Image), imgtest.ImageValues(t, l), gips.Real64)
}

// TestLabelEDTBadInput: float and binary images, bad samplings and
// destinations are errors naming what is wrong.
func TestLabelEDTBadInput(t *testing.T) {
	for _, bt := range []gips.BufferType{gips.Real32, gips.Real64, gips.Binary} {
		img, _ := gips.CreateImage(gips.Geometry2d(bt, 4, 4))
		if _, err := LabelEDT(img); err == nil || !strings.Contains(err.Error(), "input image") {
			t.Errorf("%v input: %v", bt, err)
		}
	}
	img, _ := gips.CreateImage(gips.Geometry3d(gips.Label16, 4, 4, 4))
	if _, err := LabelEDT(img, WithSampling(1, -2, 1)); err == nil || !strings.Contains(err.Error(), "sampling") {
		t.Errorf("negative sampling: %v", err)
	}
	if _, err := LabelEDT(img, WithOutput(gips.UInt16)); err == nil || !strings.Contains(err.Error(), "output") {
		t.Errorf("UInt16 output: %v", err)
	}
	d, _ := gips.CreateImage(gips.Geometry3d(gips.Real32, 4, 4, 5))
	if err := LabelEDTInto(d, img); err == nil {
		t.Error("destination of other sizes accepted")
	}
	f, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, 3, 3))
	if _, err := ops.Call("distance.labelEdt", []*gips.Image{f}, nil, nil); err == nil {
		t.Error("op accepted a Real32 image")
	}
}

// TestLabelEDTBlobs: big touching blobs (a Voronoi partition of a few
// seeds, some cells label 0, one label used by two cells), so that
// distances reach many pixels along every axis, 2D and 3D, anisotropic.
func TestLabelEDTBlobs(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	inp := map[string]gips.Array{}
	imgs := map[string]*gips.Image{}
	for _, shape := range [][]int{{41, 53}, {13, 17, 19}} {
		n := 1
		for _, s := range shape {
			n *= s
		}
		var seeds [][3]float64
		for range 9 {
			seeds = append(seeds, [3]float64{rng.Float64() * float64(shape[0]), rng.Float64() * float64(shape[1]), rng.Float64() * 19})
		}
		cellLabel := []uint32{0, 1, 2, 3, 0, 70000, 5, 1, 9}
		pix := make([]uint32, n)
		for i := range pix {
			var c [3]float64
			if len(shape) == 2 {
				c = [3]float64{float64(i / shape[1]), float64(i % shape[1]), 0}
			} else {
				c = [3]float64{float64(i / (shape[1] * shape[2])), float64(i / shape[2] % shape[1]), float64(i % shape[2])}
			}
			best, bd := 0, math.Inf(1)
			for k, s := range seeds {
				d := (c[0]-s[0])*(c[0]-s[0]) + (c[1]-s[1])*(c[1]-s[1]) + (c[2]-s[2])*(c[2]-s[2])
				if d < bd {
					best, bd = k, d
				}
			}
			pix[i] = cellLabel[best]
		}
		name := fmt.Sprint("d", len(shape))
		a := gips.ArrayOf(pix, shape...)
		img, err := gips.FromArrayGeometry(a, gips.Geometry2d(gips.Label32, shape[len(shape)-1], shape[len(shape)-2]))
		if len(shape) == 3 {
			img, err = gips.FromArrayGeometry(a, gips.Geometry3d(gips.Label32, shape[2], shape[1], shape[0]))
		}
		if err != nil {
			t.Fatal(err)
		}
		inp[name], imgs[name] = a, img
	}
	ref := testref.Run(t, refLabelEDT+`
out["d2"] = ledt(inp["d2"], False, (2.1, 1.3, 0.7))
out["d3"] = ledt(inp["d3"], True, (2.1, 1.3, 0.7))`, inp)
	for name, img := range imgs {
		samp := []float64{0.7, 1.3}
		if img.Geometry().Volume {
			samp = []float64{0.7, 1.3, 2.1}
		}
		got, err := LabelEDT(img, WithSampling(samp...), WithOutput(gips.Real64))
		if err != nil {
			t.Fatal(err)
		}
		want := imgtest.Values(ref[name])
		if m := slicesMax(want); m < 5 {
			t.Fatalf("%s: largest distance %v: the blobs are too small to test much", name, m)
		}
		closeTo(t, name, imgtest.ImageValues(t, got), want, gips.Real64)
	}
}

func slicesMax(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = max(m, x)
	}
	return m
}
