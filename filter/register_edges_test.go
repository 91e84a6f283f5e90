package filter

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

func edgeVolume(t *testing.T) *gips.Image {
	rng := rand.New(rand.NewPCG(61, 1))
	data := make([]uint16, 9*8*6)
	for i := range data {
		data[i] = uint16(rng.IntN(5000))
	}
	img, err := gips.FromArray(gips.ArrayOf(data, 6, 8, 9))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func sameRows(t *testing.T, what string, got, want *gips.Image) {
	t.Helper()
	if got.Geometry() != want.Geometry() {
		t.Fatalf("%s: %v, Go API %v", what, got.Geometry(), want.Geometry())
	}
	for i := 0; i < got.NumPlanes(); i++ {
		for y := 0; y < got.SizeY(); y++ {
			if string(got.Row(i, y)) != string(want.Row(i, y)) {
				t.Fatalf("%s: plane %d row %d differs from the Go API", what, i, y)
			}
		}
	}
}

// TestEdgeOpsCallTheGoAPI: parameters typed as on a command line reach
// the Go functions (per-axis values x first), and the halos are the
// kernels' reach per axis.
func TestEdgeOpsCallTheGoAPI(t *testing.T) {
	img := edgeVolume(t)
	must := func(im *gips.Image, err error) *gips.Image {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return im
	}
	cases := []struct {
		op     string
		params map[string]any
		want   *gips.Image
		halo   [3]int
	}{
		{"filter.sobel", map[string]any{"axis": "z", "mode": "wrap"}, must(Sobel(img, AxisZ, false, WithMode(Wrap))), [3]int{1, 1, 1}},
		{"filter.prewitt", map[string]any{"normalize": "true", "output": "same"}, must(Prewitt(img, Magnitude, true, WithOutput(gips.UInt16))), [3]int{1, 1, 1}},
		{"filter.scharr", map[string]any{"axis": "x", "mode": "constant", "cval": 3}, must(Scharr(img, AxisX, false, WithMode(Constant), WithCval(3))), [3]int{1, 1, 1}},
		{"filter.laplace", map[string]any{"mode": "nearest"}, must(Laplace(img, WithMode(Nearest))), [3]int{1, 1, 1}},
		{"filter.gaussianDerivative", map[string]any{"sigma": "1,2,0.5", "order": "1,0,2", "truncate": 3},
			must(GaussianDerivative(img, [3]float64{1, 2, 0.5}, [3]int{1, 0, 2}, WithTruncate(3))), [3]int{3, 6, 2}},
		{"filter.gaussianGradientMagnitude", map[string]any{"sigma": 2}, must(GaussianGradientMagnitude(img, 2)), [3]int{8, 7, 5}},
		{"filter.gaussianLaplace", map[string]any{"sigma": "1,1,2", "output": "Real64"}, func() *gips.Image {
			out := must(newOutput("", img, gips.Real64))
			if err := GaussianLaplaceInto(out, img, [3]float64{1, 1, 2}); err != nil {
				t.Fatal(err)
			}
			return out
		}(), [3]int{4, 4, 5}},
		{"filter.differenceOfGaussians", map[string]any{"low_sigma": 1}, must(DifferenceOfGaussians(img, 1, 1.6)), [3]int{6, 6, 5}},
		{"filter.unsharpMask", map[string]any{"sigma": 1.5, "amount": 2}, must(UnsharpMask(img, 1.5, 2)), [3]int{6, 6, 5}},
		{"filter.localVariance", map[string]any{"size": "3,4,5"}, func() *gips.Image {
			out := must(newOutput("", img, gips.Real32))
			if err := LocalVarianceInto(out, img, [3]int{3, 4, 5}); err != nil {
				t.Fatal(err)
			}
			return out
		}(), [3]int{1, 2, 2}},
		{"filter.localStd", map[string]any{"size": 3}, must(LocalStd(img, 3)), [3]int{1, 1, 1}},
		{"filter.hessianEigenvalues", map[string]any{"sigma": 1}, must(HessianEigenvalues(img, 1)), [3]int{6, 6, 5}},
		{"filter.frangi", map[string]any{"sigmas": "1,2", "black_ridges": false, "gamma": 0.5},
			must(Frangi(img, FrangiParams{Sigmas: []float64{1, 2}, Alpha: 0.5, Beta: 0.5, Gamma: 0.5})), [3]int{8, 7, 5}},
		{"filter.bilateral", map[string]any{"sigma_spatial": 2, "sigma_range": 500}, must(Bilateral(img, 2, 500, 0)), [3]int{3, 3, 3}},
	}
	for _, c := range cases {
		res, err := ops.Call(c.op, []*gips.Image{img}, nil, c.params)
		if err != nil {
			t.Fatalf("%s: %v", c.op, err)
		}
		sameRows(t, c.op, res.Image, c.want)
		h, err := ops.Halo(c.op, []gips.Geometry{img.Geometry()}, c.params)
		if err != nil || h != c.halo {
			t.Errorf("%s: halo %v (%v), want %v", c.op, h, err, c.halo)
		}
	}
}

// TestEdgeOpsRefuseBadInput: errors name the parameter or the input.
func TestEdgeOpsRefuseBadInput(t *testing.T) {
	img := edgeVolume(t)
	img2, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 5, 4))
	mc, _ := gips.CreateImage(gips.GeometryMultiChannel2d(gips.UInt8, 5, 4, 2))
	for _, c := range []struct {
		op     string
		img    *gips.Image
		params map[string]any
		word   string
	}{
		{"filter.sobel", img2, map[string]any{"axis": "z"}, "axis"},
		{"filter.sobel", img2, map[string]any{"axis": "w"}, "axis"},
		{"filter.gaussianDerivative", img, map[string]any{"order": "1,2"}, "order"},
		{"filter.gaussianDerivative", img, map[string]any{"order": 9}, "order"},
		{"filter.differenceOfGaussians", img, map[string]any{"low_sigma": 2, "high_sigma": 1}, "high_sigma"},
		{"filter.hessianEigenvalues", mc, nil, "channel"},
		{"filter.frangi", img, map[string]any{"beta": 0}, "beta"},
		{"filter.bilateral", img, map[string]any{}, "sigma_range"},
		{"filter.bilateral", img, map[string]any{"sigma_range": 1, "radius": 65}, "radius"},
		{"filter.localStd", img, map[string]any{"size": 0}, "size"},
	} {
		_, err := ops.Call(c.op, []*gips.Image{c.img}, nil, c.params)
		if err == nil || !contains(err, c.word) {
			t.Errorf("%s %v: error %v, want one naming %s", c.op, c.params, err, c.word)
		}
		if err != nil && !errors.Is(err, gips.ErrParam) && !errors.Is(err, ops.ErrInput) && !errors.Is(err, gips.ErrShape) && !errors.Is(err, ops.ErrParam) {
			t.Errorf("%s: %v wraps no sentinel", c.op, err)
		}
	}
}
