package all_test

import (
	"github.com/gipsdev/gips/ops"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/threshold"
)

// TestThresholdOpsCallTheGoAPI: each threshold op through ops.Call gives what
// the threshold package gives.
func TestThresholdOpsCallTheGoAPI(t *testing.T) {
	img := randomVolume(t, rand.New(rand.NewPCG(2, 2)))
	res, err := ops.Call("threshold.otsu", []*gips.Image{img}, nil, nil)
	want, _ := threshold.Otsu(img)
	if err != nil || res.Kind != ops.ResultNumber || res.Number != want {
		t.Fatalf("threshold.otsu: %v %v, want %v", res, err, want)
	}
	check := func(op string, params map[string]any, want *gips.Image) {
		t.Helper()
		res, err := ops.Call(op, []*gips.Image{img}, nil, params)
		if err != nil {
			t.Fatal(err)
		}
		sameImage(t, op, res.Image, want)
	}
	w, _, _ := threshold.OtsuApply(img)
	check("threshold.otsuApply", nil, w)
	w, _ = threshold.Range(img, 1000, 3000)
	check("threshold.range", map[string]any{"min": "1000", "max": 3000}, w)
	w, _ = threshold.Light(img, 2000)
	check("threshold.light", map[string]any{"value": 2000}, w)
	w, _ = threshold.Dark(img, 2000)
	check("threshold.dark", map[string]any{"value": 2000}, w)
	w, _ = threshold.Hysteresis(img, 2000, 4000, gips.Full)
	check("threshold.hysteresis", map[string]any{"low": 2000, "high": 4000, "connectivity": 0}, w)
}
