package stats

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

var qs = []float64{0, 1, 25, 50, 73.3, 99, 100}

// TestStatsMatchNumpy compares every measure with numpy on every type,
// shape and layout. Exact: min, max, integer sums and means (numpy's int64
// sum; the mean as Python's correctly rounded int/int), histograms (counts
// and edges), value counts, percentiles (numpy on float64, same _lerp).
// Float sums and means: within 1e-13 of Σ|v| (math.fsum is the reference);
// standard deviations within 1e-12 relative.
func TestStatsMatchNumpy(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, bt := range imgtest.NumericTypes {
		t.Run(bt.String(), func(t *testing.T) {
			var gen func() float64
			if bt.IsFloat() { // values on bin edges, repeated
				gen = func() float64 { return float64(rng.IntN(41))*0.25 - 5 }
			}
			cs := imgtest.Samples(t, rng, bt, gen)
			lo, hi := bt.Range()
			if bt.IsFloat() {
				lo, hi = -4, 5
			}
			hlo, hhi := lo/2, hi*0.75
			inp := map[string]gips.Array{}
			var py strings.Builder
			py.WriteString("import math\n")
			for _, c := range cs {
				inp[c.Name] = c.Arr
				fmt.Fprintf(&py, `a = inp[%[1]q]; f = a.astype(np.float64)
out[%[1]q + "_mm"] = np.array([a.min(), a.max()], np.float64)
out[%[1]q + "_sum"] = np.array([math.fsum(f.ravel()), np.abs(f).sum()]) if a.dtype.kind == "f" else np.array([a.sum(dtype=np.int64)], np.float64)
out[%[1]q + "_mean"] = np.array([int(a.sum(dtype=np.int64)) / a.size]) if a.dtype.kind != "f" else np.array([0.])
out[%[1]q + "_std"] = np.array([np.std(f), np.std(f, ddof=1)])
h, e = np.histogram(a, bins=17, range=(%[2]g, %[3]g)); out[%[1]q + "_h"] = h.astype(np.float64); out[%[1]q + "_he"] = e.astype(np.float64)
h, e = np.histogram(a, bins=23); out[%[1]q + "_ha"] = h.astype(np.float64); out[%[1]q + "_hae"] = e.astype(np.float64)
out[%[1]q + "_p"] = np.percentile(f, %[4]s)
if a.dtype.kind != "f":
    v, n = np.unique(a, return_counts=True); out[%[1]q + "_uv"] = v.astype(np.float64); out[%[1]q + "_un"] = n.astype(np.float64)
`, c.Name, hlo, hhi, strings.Join(strings.Fields(fmt.Sprint(qs)), ", "))
			}
			ref := testref.Run(t, py.String(), inp)
			for _, c := range cs {
				checkStats(t, c, ref, bt, hlo, hhi)
			}
		})
	}
}

func checkStats(t *testing.T, c imgtest.Sample, ref map[string]gips.Array, bt gips.BufferType, hlo, hhi float64) {
	r := func(k string) []float64 { return imgtest.Values(ref[c.Name+"_"+k]) }
	s, err := Measure(c.Img)
	if err != nil {
		t.Fatal(err)
	}
	mm := r("mm")
	if s.Min != mm[0] || s.Max != mm[1] {
		t.Errorf("%s: min, max %v %v, numpy %v", c.Name, s.Min, s.Max, mm)
	}
	sum := r("sum")
	if bt.IsFloat() {
		if math.Abs(s.Sum-sum[0]) > 1e-13*sum[1] || math.Abs(s.Mean-sum[0]/float64(s.Count)) > 1e-13*sum[1] {
			t.Errorf("%s: sum %v mean %v, fsum %v", c.Name, s.Sum, s.Mean, sum[0])
		}
	} else if s.Sum != sum[0] || s.Mean != r("mean")[0] {
		t.Errorf("%s: sum %v mean %v, numpy %v %v", c.Name, s.Sum, s.Mean, sum[0], r("mean")[0])
	}
	std := r("std")
	s1, err := Std(c.Img, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !close(s.Std, std[0], 1e-12) || !(close(s1, std[1], 1e-12) || math.IsNaN(s1) && math.IsNaN(std[1])) {
		t.Errorf("%s: std %v %v, numpy %v", c.Name, s.Std, s1, std)
	}
	h, err := Histogram(c.Img, 17, hlo, hhi)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, c.Name+" histogram", toFloats(h.Counts), r("h"))
	equal(t, c.Name+" edges", h.Edges, r("he"))
	h, err = HistogramAuto(c.Img, 23)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, c.Name+" auto histogram", toFloats(h.Counts), r("ha"))
	equal(t, c.Name+" auto edges", h.Edges, r("hae"))
	p, err := Percentiles(c.Img, qs...)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, c.Name+" percentiles", p, r("p"))
	if !bt.IsFloat() {
		v, n, err := ValueCounts(c.Img)
		if err != nil {
			t.Fatal(err)
		}
		equal(t, c.Name+" unique values", toFloats(v), r("uv"))
		equal(t, c.Name+" unique counts", toFloats(n), r("un"))
	}
}

func close(a, b, rel float64) bool { return math.Abs(a-b) <= rel*math.Abs(b) }

func toFloats(v []int64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}

func equal(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d values, numpy %d", what, len(got), len(want))
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s: [%d] = %v, numpy %v\n got %v\nwant %v", what, i, got[i], want[i], got, want)
			return
		}
	}
}

// TestNaN: a NaN makes min, max and percentiles NaN, as in numpy, and an
// automatic histogram range an error.
func TestNaN(t *testing.T) {
	data := []float32{1, float32(math.NaN()), 3, 4}
	img, err := gips.FromArray(gips.ArrayOf(data, 2, 2))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := Measure(img)
	p, _ := Percentiles(img, 50)
	if !math.IsNaN(s.Min) || !math.IsNaN(s.Max) || !math.IsNaN(p[0]) {
		t.Errorf("min %v max %v median %v, want NaN", s.Min, s.Max, p[0])
	}
	if _, err := HistogramAuto(img, 4); err == nil {
		t.Error("auto histogram of an image with NaN: no error")
	}
	h, _ := Histogram(img, 3, 0, 6)
	if h.Counts[0]+h.Counts[1]+h.Counts[2] != 3 {
		t.Errorf("histogram %v counts the NaN", h.Counts)
	}
}
