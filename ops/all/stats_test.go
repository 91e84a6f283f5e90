package all_test

import (
	"github.com/gipsdev/gips/ops"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/stats"
)

// TestStatsOpsCallTheGoAPI: each stats op through ops.Call returns what the
// stats package computes, as the result kind it declares.
func TestStatsOpsCallTheGoAPI(t *testing.T) {
	img := randomVolume(t, rand.New(rand.NewPCG(3, 3)))
	s, _ := stats.Measure(img)
	for name, want := range map[string]float64{"stats.min": s.Min, "stats.max": s.Max, "stats.sum": s.Sum, "stats.mean": s.Mean, "stats.std": s.Std} {
		res, err := ops.Call(name, []*gips.Image{img}, nil, nil)
		if err != nil || res.Number != want {
			t.Errorf("%s: %v %v, want %v", name, res.Number, err, want)
		}
	}
	res, err := ops.Call("stats.measure", []*gips.Image{img}, nil, nil)
	if v, _ := res.Get("std"); err != nil || v != s.Std {
		t.Errorf("stats.measure: %v %v", res, err)
	}
	res, err = ops.Call("stats.histogram", []*gips.Image{img}, nil, map[string]any{"nbins": 10, "range": "0, 5000"})
	h, _ := stats.Histogram(img, 10, 0, 5000)
	if err != nil || !slices.Equal(res.Histogram.Counts, h.Counts) || !slices.Equal(res.Histogram.Edges, h.Edges) {
		t.Errorf("stats.histogram: %v %v, want %v", res.Histogram, err, h)
	}
	res, err = ops.Call("stats.percentiles", []*gips.Image{img}, nil, map[string]any{"q": "5,50,95"})
	p, _ := stats.Percentiles(img, 5, 50, 95)
	if err != nil || !slices.Equal(res.Vector, p) {
		t.Errorf("stats.percentiles: %v %v, want %v", res.Vector, err, p)
	}
	if _, err := ops.Call("stats.histogram", []*gips.Image{img}, nil, map[string]any{"range": "3"}); err == nil {
		t.Error("histogram range 3: no error")
	}
}
