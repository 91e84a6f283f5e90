package all_test

import (
	"github.com/gipsdev/gips/ops"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/filter"
)

func randomVolume(t *testing.T, rng *rand.Rand) *gips.Image {
	data := make([]uint16, 9*7*5)
	for i := range data {
		data[i] = uint16(rng.IntN(5000))
	}
	img, err := gips.FromArray(gips.ArrayOf(data, 5, 7, 9))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func sameImage(t *testing.T, what string, got, want *gips.Image) {
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

// TestFilterOpsCallTheGoAPI: parameters typed as on a command line reach
// the filters, per-axis vectors are x first, and the halo is the kernel
// radius (Gaussian) or half the size (mean) per axis.
func TestFilterOpsCallTheGoAPI(t *testing.T) {
	img := randomVolume(t, rand.New(rand.NewPCG(1, 1)))
	res, err := ops.Call("filter.gaussian", []*gips.Image{img}, nil,
		map[string]any{"sigma": "1,2,0.5", "mode": "wrap", "truncate": "3", "output": "same"})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filter.GaussianXYZ(img, 1, 2, 0.5, filter.WithMode(filter.Wrap), filter.WithTruncate(3), filter.WithOutput(gips.UInt16))
	sameImage(t, "filter.gaussian", res.Image, want)
	if h, _ := ops.Halo("filter.gaussian", []gips.Geometry{img.Geometry()}, map[string]any{"sigma": "1,2,0.5", "truncate": 3}); h != [3]int{3, 6, 2} {
		t.Errorf("gaussian halo %v, want [3 6 2]", h)
	}

	res, err = ops.Call("filter.mean", []*gips.Image{img}, nil, map[string]any{"size": []float64{3, 4, 1}, "mode": "constant", "cval": 9})
	if err != nil {
		t.Fatal(err)
	}
	want, _ = filter.MeanXYZ(img, 3, 4, 1, filter.WithMode(filter.Constant), filter.WithCval(9))
	sameImage(t, "filter.mean", res.Image, want)
	if h, _ := ops.Halo("filter.mean", []gips.Geometry{img.Geometry()}, map[string]any{"size": "5,4"}); h != [3]int{2, 2, 0} {
		t.Errorf("mean halo %v, want [2 2 0]", h)
	}
	if _, err := ops.Call("filter.mean", []*gips.Image{img}, nil, map[string]any{"size": 2.5}); err == nil {
		t.Error("mean with size 2.5: no error")
	}
	if _, err := ops.Call("filter.gaussian", []*gips.Image{img}, nil, map[string]any{"sigma": "1,2"}); err == nil {
		t.Error("gaussian of a volume with two sigmas: no error")
	}
}
