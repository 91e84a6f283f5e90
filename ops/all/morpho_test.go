package all_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/filter"
	"github.com/gipsdev/gips/morpho"
	"github.com/gipsdev/gips/ops"
)

// TestMorphoOpsCallTheGoAPI: size (x first) and footprint arrays (numpy
// order, bools or numbers) reach the morpho ops and the rank filters as
// the Go API's SEs; binary, flood and extrema ops get their parameters;
// halos follow the footprint; bad parameters are errors naming them.
func TestMorphoOpsCallTheGoAPI(t *testing.T) {
	img := randomVolume(t, rand.New(rand.NewPCG(2, 2)))
	call := func(name string, in []*gips.Image, p map[string]any) *gips.Image {
		t.Helper()
		res, err := ops.Call(name, in, nil, p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return res.Image
	}
	want, _ := morpho.Erode(img, morpho.Box(3, 2, 1), morpho.WithMode(gips.Wrap))
	sameImage(t, "morpho.erode size", call("morpho.erode", []*gips.Image{img}, map[string]any{"size": "3,2,1", "mode": "wrap"}), want)
	// A (z, y, x) = (1, 2, 3) footprint in numpy order is a 3x2x1 box.
	fp := []any{[]any{[]any{true, false, true}, []any{1, 1, 0}}}
	se := morpho.FromBools([]bool{true, false, true, true, true, false}, 3, 2, 1)
	want, _ = morpho.Dilate(img, se, morpho.WithMode(gips.Constant), morpho.WithCval(7))
	sameImage(t, "morpho.dilate footprint", call("morpho.dilate", []*gips.Image{img}, map[string]any{"footprint": fp, "mode": "constant", "cval": 7}), want)
	want, _ = filter.Median(img, se)
	sameImage(t, "filter.median footprint", call("filter.median", []*gips.Image{img}, map[string]any{"footprint": fp}), want)
	want, _ = filter.Percentile(img, 30, morpho.Box(3, 3, 3))
	sameImage(t, "filter.rank percentile", call("filter.rank", []*gips.Image{img}, map[string]any{"percentile": 30}), want)
	want, _ = filter.Rank(img, -1, morpho.Box(5, 1, 1))
	sameImage(t, "filter.rank", call("filter.rank", []*gips.Image{img}, map[string]any{"rank": -1, "size": "5,1,1"}), want)
	for _, name := range []string{"opening", "closing", "whiteTophat", "blackTophat", "gradient"} {
		res := call("morpho."+name, []*gips.Image{img}, map[string]any{"size": 3})
		if res.Type() != gips.UInt16 {
			t.Errorf("morpho.%s: %v", name, res.Type())
		}
	}

	bin, _ := morpho.RegionalMaxima(img, gips.Full)
	want, _ = morpho.BinaryDilate(bin, morpho.Box(3, 3, 3), morpho.WithIterations(2), morpho.WithBorderValue(true))
	ones := []any{[]any{[]any{1, 1, 1}, []any{1, 1, 1}, []any{1, 1, 1}}, []any{[]any{1, 1, 1}, []any{1, 1, 1}, []any{1, 1, 1}}, []any{[]any{1, 1, 1}, []any{1, 1, 1}, []any{1, 1, 1}}}
	sameImage(t, "morpho.binaryDilate", call("morpho.binaryDilate", []*gips.Image{bin}, map[string]any{"structure": ones, "iterations": 2, "border_value": 1}), want)
	want, _ = morpho.FillHoles(bin, morpho.Cross(3))
	sameImage(t, "morpho.fillHoles", call("morpho.fillHoles", []*gips.Image{bin}, nil), want)
	sameImage(t, "morpho.regionalMaxima", call("morpho.regionalMaxima", []*gips.Image{img}, nil), bin)
	want, _ = morpho.RegionalMinima(img, 1)
	sameImage(t, "morpho.regionalMinima", call("morpho.regionalMinima", []*gips.Image{img}, map[string]any{"connectivity": 1}), want)
	want, _ = morpho.HMaxima(img, 700, morpho.ConnectivitySE(2, 3))
	sameImage(t, "morpho.hMaxima", call("morpho.hMaxima", []*gips.Image{img}, map[string]any{"h": 700, "connectivity": 2}), want)
	ero, _ := morpho.Erode(img, morpho.Box(3, 3, 3))
	want, _ = morpho.Reconstruct(ero, img, morpho.ByDilation, morpho.Box(3, 3, 3))
	sameImage(t, "morpho.reconstruct", call("morpho.reconstruct", []*gips.Image{ero, img}, nil), want)

	g := []gips.Geometry{img.Geometry()}
	if h, _ := ops.Halo("morpho.opening", g, map[string]any{"size": "5,2,1"}); h != [3]int{4, 2, 0} {
		t.Errorf("opening halo %v, want [4 2 0]", h)
	}
	if h, _ := ops.Halo("morpho.binaryErode", g, map[string]any{"iterations": 2}); h != [3]int{2, 2, 2} {
		t.Errorf("binaryErode halo %v, want [2 2 2]", h)
	}
	for name, p := range map[string]map[string]any{
		"morpho.erode":       {"footprint": []any{[]any{0, 0}, []any{0, 0}}},
		"filter.rank":        {"rank": 2, "percentile": 50},
		"morpho.binaryErode": {"border_value": 2},
		"morpho.reconstruct": {"footprint": []any{[]any{1, 1}}},
	} {
		in := []*gips.Image{img}
		if name == "morpho.binaryErode" {
			in = []*gips.Image{bin}
		}
		if name == "morpho.reconstruct" {
			in = []*gips.Image{img, img}
		}
		_, err := ops.Call(name, in, nil, p)
		if err == nil || !strings.Contains(err.Error(), "parameter") && !strings.Contains(err.Error(), "footprint") {
			t.Errorf("%s %v: got %v, want an error naming the parameter", name, p, err)
		}
	}
}
