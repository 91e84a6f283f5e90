package stats

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The stats family: global measures over every pixel of every plane (all
// channels and time points together), as numpy computes them on the whole
// array.

var posInf, negInf = math.Inf(1), math.Inf(-1)

// number registers a stats op that returns one number.
func number(name, doc string, f func(*gips.Image) (float64, error)) {
	ops.Register(&ops.Op{
		Name: name, Doc: doc, Inputs: []ops.Input{{Name: "image"}}, Returns: ops.ResultNumber,
		Run: func(in []*gips.Image, _ *gips.Image, _ ops.Values) (ops.Result, error) {
			v, err := f(in[0])
			return ops.NumberResult(v), err
		},
	})
}

func init() {
	number("stats.min", "Smallest pixel value, exact; NaN if a float image holds NaN (as numpy.min).", Min)
	number("stats.max", "Largest pixel value, exact; NaN if a float image holds NaN (as numpy.max).", Max)
	number("stats.sum", "Sum of the pixel values: exact for integers (128-bit accumulation, exact in the result below 2^53), compensated (Neumaier) float64 for floats.", Sum)
	number("stats.mean", "Mean pixel value: the exact (integers) or compensated (floats) sum divided once by the pixel count.", Mean)
	ops.Register(&ops.Op{
		Name:    "stats.std",
		Doc:     "Standard deviation, numpy.std(a, ddof=ddof): sqrt(sum((v-mean)^2)/max(N-ddof, 0)), two passes, compensated float64 sums; ddof 0 (numpy's default) is the population deviation; ddof >= N gives +Inf, or NaN when every pixel is equal, as numpy.",
		Inputs:  []ops.Input{{Name: "image"}},
		Params:  []ops.Param{{Name: "ddof", Doc: "delta degrees of freedom", Kind: ops.Int, Default: 0, Min: ops.Bound(0)}},
		Returns: ops.ResultNumber,
		Run: func(in []*gips.Image, _ *gips.Image, p ops.Values) (ops.Result, error) {
			v, err := Std(in[0], p.Int("ddof"))
			return ops.NumberResult(v), err
		},
	})
	ops.Register(&ops.Op{
		Name:    "stats.measure",
		Doc:     "count, min, max, sum, mean and std (ddof 0) in one call, each as stats.min ... stats.std compute it.",
		Inputs:  []ops.Input{{Name: "image"}},
		Returns: ops.ResultRecord,
		Run: func(in []*gips.Image, _ *gips.Image, _ ops.Values) (ops.Result, error) {
			s, err := Measure(in[0])
			return ops.RecordResult(ops.Field{Name: "count", Value: float64(s.Count)}, ops.Field{Name: "min", Value: s.Min}, ops.Field{Name: "max", Value: s.Max},
				ops.Field{Name: "sum", Value: s.Sum}, ops.Field{Name: "mean", Value: s.Mean}, ops.Field{Name: "std", Value: s.Std}), err
		},
	})
	ops.Register(&ops.Op{
		Name: "stats.histogram",
		Doc: "Histogram, numpy.histogram(a, bins=nbins, range=range): nbins equal bins over range (lo,hi; none, the default, is the image's [min, max]), the last bin closed, " +
			"values outside the range and NaN not counted; edges as numpy's (float32 for a Real32 image), so every pixel lands in numpy's bin. A Real64 range wider than the largest float64 still counts every pixel (numpy fails there).",
		Inputs: []ops.Input{{Name: "image"}},
		Params: []ops.Param{
			{Name: "nbins", Doc: "number of bins", Kind: ops.Int, Default: 256, Min: ops.Bound(1), Max: ops.Bound(1 << 24)},
			{Name: "range", Doc: "lo,hi; none (the default) is the image's min and max", Kind: ops.Numbers, Len: 2, Optional: true},
		},
		Returns: ops.ResultHistogram,
		Run: func(in []*gips.Image, _ *gips.Image, p ops.Values) (ops.Result, error) {
			var h Hist
			var err error
			if p.IsNone("range") {
				h, err = HistogramAuto(in[0], p.Int("nbins"))
			} else {
				r := p.Numbers("range")
				h, err = Histogram(in[0], p.Int("nbins"), r[0], r[1])
			}
			if err != nil {
				return ops.Result{}, err
			}
			return ops.HistogramResult(h.Counts, h.Edges), nil
		},
	})
	ops.Register(&ops.Op{
		Name: "stats.percentiles",
		Doc: "Percentiles q (a list, each in [0, 100]) with numpy's default 'linear' method, equal to numpy.percentile(a.astype(float64), q); " +
			"NaN if a float image holds NaN.",
		Inputs:  []ops.Input{{Name: "image"}},
		Params:  []ops.Param{{Name: "q", Doc: "percentiles, a list of numbers in [0, 100]", Kind: ops.Numbers, Default: []float64{50}, Min: ops.Bound(0), Max: ops.Bound(100)}},
		Returns: ops.ResultVector,
		Run: func(in []*gips.Image, _ *gips.Image, p ops.Values) (ops.Result, error) {
			v, err := Percentiles(in[0], p.Numbers("q")...)
			return ops.VectorResult(v), err
		},
	})
}
