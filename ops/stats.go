package ops

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/stats"
)

// The stats family: global measures over every pixel of every plane (all
// channels and time points together), as numpy computes them on the whole
// array.

var posInf, negInf = math.Inf(1), math.Inf(-1)

// number registers a stats op that returns one number.
func number(name, doc string, f func(*gips.Image) (float64, error)) {
	Register(&Op{
		Name: name, Doc: doc, Inputs: []Input{{Name: "image"}}, Returns: ResultNumber,
		Run: func(in []*gips.Image, _ *gips.Image, _ Values) (Result, error) {
			v, err := f(in[0])
			return NumberResult(v), err
		},
	})
}

// numberList reads "a,b,c" (the q of stats.percentiles, the range of
// stats.histogram): the Floats kind holds per-axis vectors of 1 to 3.
func numberList(p Values, name string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(p.String(name), ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil {
			return nil, fmt.Errorf("parameter %s: %q is not a number: %w", name, f, ErrParam)
		}
		out = append(out, v)
	}
	return out, nil
}

func init() {
	number("stats.min", "Smallest pixel value, exact; NaN if a float image holds NaN (as numpy.min).", stats.Min)
	number("stats.max", "Largest pixel value, exact; NaN if a float image holds NaN (as numpy.max).", stats.Max)
	number("stats.sum", "Sum of the pixel values: exact for integers (128-bit accumulation, exact in the result below 2^53), compensated (Neumaier) float64 for floats.", stats.Sum)
	number("stats.mean", "Mean pixel value: the exact (integers) or compensated (floats) sum divided once by the pixel count.", stats.Mean)
	Register(&Op{
		Name:    "stats.std",
		Doc:     "Standard deviation, numpy.std(a, ddof=ddof): sqrt(sum((v-mean)^2)/(N-ddof)), two passes, compensated float64 sums; ddof 0 (numpy's default) is the population deviation.",
		Inputs:  []Input{{Name: "image"}},
		Params:  []Param{{Name: "ddof", Doc: "delta degrees of freedom", Kind: Int, Default: 0, Min: Bound(0)}},
		Returns: ResultNumber,
		Run: func(in []*gips.Image, _ *gips.Image, p Values) (Result, error) {
			v, err := stats.Std(in[0], p.Int("ddof"))
			return NumberResult(v), err
		},
	})
	Register(&Op{
		Name:    "stats.measure",
		Doc:     "count, min, max, sum, mean and std (ddof 0) in one call, each as stats.min ... stats.std compute it.",
		Inputs:  []Input{{Name: "image"}},
		Returns: ResultRecord,
		Run: func(in []*gips.Image, _ *gips.Image, _ Values) (Result, error) {
			s, err := stats.Measure(in[0])
			return RecordResult(Field{"count", float64(s.Count)}, Field{"min", s.Min}, Field{"max", s.Max},
				Field{"sum", s.Sum}, Field{"mean", s.Mean}, Field{"std", s.Std}), err
		},
	})
	Register(&Op{
		Name: "stats.histogram",
		Doc: "Histogram, numpy.histogram(a, bins=nbins, range=range): nbins equal bins over range (\"lo,hi\"; \"auto\" is the image's [min, max]), the last bin closed, " +
			"values outside the range and NaN not counted; edges as numpy's (float32 for a Real32 image), so every pixel lands in numpy's bin.",
		Inputs: []Input{{Name: "image"}},
		Params: []Param{
			{Name: "nbins", Doc: "number of bins", Kind: Int, Default: 256, Min: Bound(1), Max: Bound(1 << 24)},
			{Name: "range", Doc: "lo,hi or auto (the image's min and max)", Kind: String, Default: "auto"},
		},
		Returns: ResultHistogram,
		Run: func(in []*gips.Image, _ *gips.Image, p Values) (Result, error) {
			var h stats.Hist
			var err error
			if strings.EqualFold(strings.TrimSpace(p.String("range")), "auto") {
				h, err = stats.HistogramAuto(in[0], p.Int("nbins"))
			} else {
				r, perr := numberList(p, "range")
				if perr != nil || len(r) != 2 {
					return Result{}, fmt.Errorf("parameter range %q: want lo,hi or auto: %w", p.String("range"), ErrParam)
				}
				h, err = stats.Histogram(in[0], p.Int("nbins"), r[0], r[1])
			}
			if err != nil {
				return Result{}, err
			}
			return HistogramResult(h.Counts, h.Edges), nil
		},
	})
	Register(&Op{
		Name: "stats.percentiles",
		Doc: "Percentiles q (comma-separated, each in [0, 100]) with numpy's default 'linear' method, equal to numpy.percentile(a.astype(float64), q); " +
			"NaN if a float image holds NaN.",
		Inputs:  []Input{{Name: "image"}},
		Params:  []Param{{Name: "q", Doc: "percentiles, comma-separated", Kind: String, Default: "50"}},
		Returns: ResultVector,
		Run: func(in []*gips.Image, _ *gips.Image, p Values) (Result, error) {
			q, err := numberList(p, "q")
			if err != nil {
				return Result{}, err
			}
			v, err := stats.Percentiles(in[0], q...)
			return VectorResult(v), err
		},
	})
}
