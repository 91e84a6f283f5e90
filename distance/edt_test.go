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
)

var edtTypes = append([]gips.BufferType{gips.Binary, gips.Label16}, imgtest.NumericTypes...)

// sparseZeros draws images with few zero pixels (1 in 12), so that
// distances reach several pixels, and every type's other values (NaN and
// -0 for floats: NaN is foreground, -0 background).
func sparseZeros(bt gips.BufferType, rng *rand.Rand) func() float64 {
	vals := []float64{1, 2, 7}
	if bt.IsFloat() {
		vals = append(vals, math.NaN(), 0.5, math.Inf(-1))
	}
	return func() float64 {
		switch rng.IntN(40) {
		case 0, 1, 2:
			return 0
		case 3:
			if bt.IsFloat() {
				return math.Copysign(0, -1)
			}
		}
		return vals[rng.IntN(len(vals))]
	}
}

// refEDT is scipy's EDT per channel (a channel with no zero pixel: +inf,
// gips' documented answer), and the signed transform.
const refEDT = `
import scipy.ndimage as ndi
def per(a, vol, fn):
    nd = 3 if vol else 2
    if a.ndim == nd:
        return fn(a)
    return np.stack([fn(ch) for ch in a])
def edt1(m, samp):
    if m.all():
        return np.full(m.shape, np.inf)
    return ndi.distance_transform_edt(m, sampling=samp)
def edt(a, vol, samp):
    m = (a != 0) | np.isnan(a)
    samp = samp[-m.ndim:] if vol or m.ndim == 2 else samp[-2:]
    return per(m, vol, lambda x: edt1(x, samp[-x.ndim:]))
def sedt(a, vol, samp):
    m = (a != 0) | np.isnan(a)
    def s(x):
        sp = samp[-x.ndim:]
        pos = edt1(x, sp)
        neg = -np.inf * np.ones(x.shape) if not x.any() else ndi.distance_transform_edt(~x, sampling=sp)
        return pos - neg
    return per(m, vol, s)
`

// samplings are the test's samplings, x first; nil is the calibration
// (1, 1, 1).
var samplings = [][]float64{nil, {0.7, 1.3, 2.1}}

// TestEDTMatchesScipy: every type in every Grid layout, isotropic and
// anisotropic, Real64 within 1e-12 relative of distance_transform_edt,
// Real32 within one float32 rounding; SignedEDT against edt(a) - edt(~a).
func TestEDTMatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	inp := map[string]gips.Array{}
	var py strings.Builder
	py.WriteString(refEDT)
	var all []imgtest.Sample
	pyb := map[bool]string{true: "True", false: "False"}
	for _, bt := range edtTypes {
		for _, s := range imgtest.Samples(t, rng, bt, sparseZeros(bt, rng)) {
			all = append(all, s)
			inp[s.Name] = s.Arr
			vol := pyb[s.Img.Geometry().Volume]
			fmt.Fprintf(&py, "a = inp[%q].astype(np.float64)\nout[%[1]q + '_0'] = edt(a, %s, (1.0, 1.0, 1.0))\nout[%[1]q + '_1'] = edt(a, %[2]s, (2.1, 1.3, 0.7))\n", s.Name, vol)
			fmt.Fprintf(&py, "out[%q + '_s'] = sedt(a, %s, (2.1, 1.3, 0.7))\n", s.Name, vol)
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
				got, err := EDT(s.Img, WithSampling(samp...), WithOutput(ot))
				if err != nil {
					t.Fatal(s.Name, err)
				}
				closeTo(t, fmt.Sprint(s.Name, " sampling ", samp, " ", ot), imgtest.ImageValues(t, got), want, ot)
			}
		}
		got, err := SignedEDT(s.Img, WithSampling([]float64{0.7, 1.3, 2.1}[:nd]...), WithOutput(gips.Real64))
		if err != nil {
			t.Fatal(err)
		}
		closeTo(t, s.Name+" signed", imgtest.ImageValues(t, got), imgtest.Values(ref[s.Name+"_s"]), gips.Real64)
	}
}

func closeTo(t *testing.T, name string, got, want []float64, ot gips.BufferType) {
	t.Helper()
	for i, w := range want {
		g := got[i]
		ok := g == w
		if !ok && ot == gips.Real64 {
			ok = math.Abs(g-w) <= 1e-12*math.Abs(w)
		}
		if !ok && ot == gips.Real32 {
			f := float32(w)
			ok = float32(g) == f || float32(g) == math.Nextafter32(f, float32(math.Inf(1))) || float32(g) == math.Nextafter32(f, float32(math.Inf(-1)))
		}
		if !ok {
			t.Errorf("%s: pixel %d = %v, scipy %v", name, i, g, w)
			return
		}
	}
}

// TestEDTEmptyFullAndCalibration: an all-zero image is 0, an image with
// no zero pixel +Inf (signed: +Inf, and -Inf for the all-zero one); the
// default sampling is the calibration.
func TestEDTEmptyFullAndCalibration(t *testing.T) {
	for _, fill := range []uint8{0, 3} {
		pix := make([]uint8, 4*5*6)
		for i := range pix {
			pix[i] = fill
		}
		img, _ := gips.FromArray(gips.ArrayOf(pix, 4, 5, 6))
		d, err := EDT(img)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := SignedEDT(img)
		want, sw := 0.0, math.Inf(-1)
		if fill != 0 {
			want, sw = math.Inf(1), math.Inf(1)
		}
		for i, v := range imgtest.ImageValues(t, d) {
			if v != want {
				t.Fatalf("fill %d: pixel %d = %v, want %v", fill, i, v, want)
			}
		}
		for _, v := range imgtest.ImageValues(t, s) {
			if v != sw {
				t.Fatalf("fill %d: signed %v, want %v", fill, v, sw)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 1))
	pix := make([]uint8, 9*10*11)
	for i := range pix {
		pix[i] = uint8(min(1, rng.IntN(15)))
	}
	a := gips.ArrayOf(pix, 9, 10, 11)
	img, _ := gips.FromArray(a)
	img.SetCalibration(gips.Calibration{X: 0.5, Y: 2, Z: 3})
	ref := testref.Run(t, `import scipy.ndimage as ndi
out["d"] = ndi.distance_transform_edt(inp["a"], sampling=(3, 2, 0.5))`, map[string]gips.Array{"a": a})
	got, err := EDT(img, WithOutput(gips.Real64))
	if err != nil {
		t.Fatal(err)
	}
	closeTo(t, "calibrated", imgtest.ImageValues(t, got), imgtest.Values(ref["d"]), gips.Real64)
}

// TestFeatureTransform: every pixel's feature is a zero pixel at exactly
// scipy's distance (ties may pick another zero pixel than scipy).
func TestFeatureTransform(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, shape := range [][]int{{23, 37}, {7, 11, 13}} {
		n := 1
		for _, s := range shape {
			n *= s
		}
		pix := make([]uint16, n)
		for i := range pix {
			pix[i] = uint16(min(1, rng.IntN(20)))
		}
		a := gips.ArrayOf(pix, shape...)
		ref := testref.Run(t, `import scipy.ndimage as ndi
out["d"] = ndi.distance_transform_edt(inp["a"], sampling=[1.7, 0.6, 1.1][-inp["a"].ndim:])`, map[string]gips.Array{"a": a})
		img, _ := gips.FromArray(a)
		samp := []float64{1.1, 0.6, 1.7}[:len(shape)]
		x, y, z, err := FeatureTransform(img, WithSampling(samp...))
		if err != nil {
			t.Fatal(err)
		}
		xs, ys := imgtest.ImageValues(t, x), imgtest.ImageValues(t, y)
		zs := make([]float64, n)
		if z != nil {
			zs = imgtest.ImageValues(t, z)
		}
		want := imgtest.Values(ref["d"])
		sx, sy := img.SizeX(), img.SizeY()
		for i := range pix {
			fx, fy, fz := int(xs[i]), int(ys[i]), int(zs[i])
			if pix[(fz*sy+fy)*sx+fx] != 0 {
				t.Fatalf("%v: pixel %d's feature (%d,%d,%d) is not a zero pixel", shape, i, fx, fy, fz)
			}
			px, py, pz := i%sx, i/sx%sy, i/(sx*sy)
			d := math.Pow(float64(px-fx)*samp[0], 2) + math.Pow(float64(py-fy)*samp[1], 2)
			if len(samp) == 3 {
				d += math.Pow(float64(pz-fz)*samp[2], 2)
			}
			if d = math.Sqrt(d); math.Abs(d-want[i]) > 1e-12*want[i] {
				t.Fatalf("%v: pixel %d: feature at distance %v, scipy's EDT %v", shape, i, d, want[i])
			}
		}
	}
}

// TestEDTBadInput: bad samplings and destinations name the parameter.
func TestEDTBadInput(t *testing.T) {
	img, _ := gips.CreateImage(gips.Geometry3d(gips.UInt8, 4, 4, 4))
	for _, s := range [][]float64{{-1}, {0}, {math.NaN()}, {1, 2}, {1, math.Inf(1), 1}} {
		if _, err := EDT(img, WithSampling(s...)); err == nil || !strings.Contains(err.Error(), "sampling") {
			t.Errorf("sampling %v: %v", s, err)
		}
	}
	img2, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 4, 4))
	if _, err := EDT(img2, WithSampling(1, 2, 3)); err == nil {
		t.Error("3 samplings for a 2D image accepted")
	}
	if _, err := EDT(img2, WithOutput(gips.UInt8)); err == nil || !strings.Contains(err.Error(), "output") {
		t.Errorf("UInt8 output: %v", err)
	}
	d, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, 4, 5))
	if err := EDTInto(d, img2); err == nil {
		t.Error("destination of other sizes accepted")
	}
}

// TestEDTBlobs: ragged blobs on rows and columns longer than the blocks of
// lines, 2D and 3D, isotropic and anisotropic, against scipy; and the
// same transform in place (a Real32 image into itself).
func TestEDTBlobs(t *testing.T) {
	imgs := map[string]*gips.Image{"b2": imgtest.Blobs(213, 97, 1, false), "b3": imgtest.Blobs(61, 45, 23, true)}
	inp := map[string]gips.Array{}
	var py strings.Builder
	py.WriteString(refEDT)
	for name, img := range imgs {
		inp[name], _ = img.Array()
		vol := map[bool]string{true: "True", false: "False"}[img.Geometry().Volume]
		fmt.Fprintf(&py, "a = inp[%q].astype(np.float64)\nout[%[1]q + '_0'] = edt(a, %s, (1.0, 1.0, 1.0))\nout[%[1]q + '_1'] = edt(a, %[2]s, (2.1, 1.3, 0.7))\n", name, vol)
	}
	ref := testref.Run(t, py.String(), inp)
	for name, img := range imgs {
		nd := 2
		if img.Geometry().Volume {
			nd = 3
		}
		for k, samp := range samplings {
			if samp != nil {
				samp = samp[:nd]
			}
			want := imgtest.Values(ref[fmt.Sprint(name, "_", k)])
			for _, ot := range []gips.BufferType{gips.Real64, gips.Real32} {
				got, err := EDT(img, WithSampling(samp...), WithOutput(ot))
				if err != nil {
					t.Fatal(name, err)
				}
				closeTo(t, fmt.Sprint(name, " sampling ", samp, " ", ot), imgtest.ImageValues(t, got), want, ot)
			}
			in, _ := gips.ConvertTo(img, gips.Real32)
			if err := EDTInto(in, in, WithSampling(samp...)); err != nil {
				t.Fatal(err)
			}
			closeTo(t, fmt.Sprint(name, " in place ", samp), imgtest.ImageValues(t, in), want, gips.Real32)
		}
	}
}
