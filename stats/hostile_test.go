package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/childtest"
	"github.com/gipsdev/gips/internal/testref"
)

// binaryMasks wraps one random pattern as three Binary images: holding 0/1,
// 0/255 and (from an int8 array) 0/-1. It also returns the pattern.
func binaryMasks(t *testing.T, rng *rand.Rand, shape ...int) ([]*gips.Image, []uint8) {
	n := 1
	for _, s := range shape {
		n *= s
	}
	u1, u255, i8 := make([]uint8, n), make([]uint8, n), make([]int8, n)
	for i := range u1 {
		if rng.IntN(3) == 0 {
			u1[i], u255[i], i8[i] = 1, 255, -1
		}
	}
	var out []*gips.Image
	for _, a := range []gips.Array{gips.ArrayOf(slices.Clone(u1), shape...), gips.ArrayOf(u255, shape...), gips.ArrayOf(i8, shape...)} {
		m, err := gips.FromBinaryArray(a)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out, u1
}

// TestBinaryStatsReadZeroOne: a Binary image is any byte, non-zero meaning
// true. Every measure of a 0/255 mask and of an int8 0/-1 mask equals that
// of the 0/1 mask, and those are the measures of the 0/1 values computed
// here by brute force. (0/255 gave a sum of 255 per pixel, and Percentiles
// and ValueCounts indexed out of range in a worker goroutine.)
//
// In a child process: the index out of range aborted the process.
func TestBinaryStatsReadZeroOne(t *testing.T) {
	if !childtest.InChild(t, 2*time.Minute) {
		return
	}
	rng := rand.New(rand.NewPCG(8, 1))
	for _, shape := range [][]int{{37, 53}, {3, 17, 9}} {
		masks, pattern := binaryMasks(t, rng, shape...)
		n := float64(len(pattern))
		ones := 0.0
		for _, v := range pattern {
			ones += float64(v)
		}
		mean := ones / n
		ss := ones*(1-mean)*(1-mean) + (n-ones)*mean*mean
		sorted := slices.Sorted(slices.Values(pattern))
		wantPct := func(q float64) float64 { // numpy 'linear'
			v := (n - 1) * q / 100
			f := math.Floor(v)
			if int(f)+1 >= len(sorted) {
				return float64(sorted[len(sorted)-1])
			}
			return float64(sorted[int(f)]) + (v-f)*float64(sorted[int(f)+1]-sorted[int(f)])
		}
		for k, m := range masks {
			name := fmt.Sprintf("%v mask %d", shape, k)
			s, err := Measure(m)
			if err != nil {
				t.Fatal(err)
			}
			if s.Count != len(pattern) || s.Min != 0 || s.Max != 1 || s.Sum != ones || s.Mean != mean || math.Abs(s.Std-math.Sqrt(ss/n)) > 1e-15 {
				t.Fatalf("%s: Measure = %+v, want sum %v mean %v std %v", name, s, ones, mean, math.Sqrt(ss/n))
			}
			for f, want := range map[string]float64{"min": 0, "max": 1, "sum": ones, "mean": mean} {
				got, err := map[string]func(*gips.Image) (float64, error){"min": Min, "max": Max, "sum": Sum, "mean": Mean}[f](m)
				if err != nil || got != want {
					t.Fatalf("%s: %s = %v, %v; want %v", name, f, got, err, want)
				}
			}
			if sd, _ := Std(m, 1); math.Abs(sd-math.Sqrt(ss/(n-1))) > 1e-15 {
				t.Fatalf("%s: Std(ddof 1) = %v", name, sd)
			}
			v, c, err := ValueCounts(m)
			if err != nil || !slices.Equal(v, []int64{0, 1}) || !slices.Equal(c, []int64{int64(n - ones), int64(ones)}) {
				t.Fatalf("%s: ValueCounts = %v %v %v", name, v, c, err)
			}
			qs := []float64{0, 10, 50, 66.6, 90, 100}
			p, err := Percentiles(m, qs...)
			if err != nil {
				t.Fatal(err)
			}
			for i, q := range qs {
				if p[i] != wantPct(q) {
					t.Fatalf("%s: percentile %v = %v, want %v", name, q, p[i], wantPct(q))
				}
			}
			for _, h := range []func() (Hist, error){
				func() (Hist, error) { return Histogram(m, 4, 0, 1) },
				func() (Hist, error) { return Histogram(m, 3, -0.5, 2) },
				func() (Hist, error) { return HistogramAuto(m, 2) },
			} {
				hist, err := h()
				if err != nil {
					t.Fatal(err)
				}
				got := make([]float64, len(hist.Counts)) // the counts, as the pixels would give them
				for _, v := range pattern {
					for b := range hist.Counts {
						if x := float64(v); x >= hist.Edges[b] && (x < hist.Edges[b+1] || b == len(hist.Counts)-1 && x == hist.Edges[b+1]) {
							got[b]++
							break
						}
					}
				}
				for b := range got {
					if float64(hist.Counts[b]) != got[b] {
						t.Fatalf("%s: histogram %v over %v: bin %d counts %d, the 0/1 values give %v", name, hist.Counts, hist.Edges, b, hist.Counts[b], got[b])
					}
				}
			}
		}
	}
}

// TestHistogramOfOverflowingRange: a Real64 image holding ±1.7e308, whose
// max - min overflows, gets finite increasing edges and every pixel is
// counted in the bin whose edges hold it (numpy raises an IndexError).
func TestHistogramOfOverflowingRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 8))
	vals := []float64{-1.7e308, 1.7e308, 0, 1e308, -1e308, 5, -math.MaxFloat64, math.MaxFloat64}
	for range 200 {
		vals = append(vals, (rng.Float64()*2-1)*1.7e308)
	}
	img, err := gips.FromArray(gips.ArrayOf(vals, 16, len(vals)/16))
	if err != nil {
		t.Fatal(err)
	}
	for _, nbins := range []int{1, 2, 7, 256} {
		for _, h := range []func() (Hist, error){
			func() (Hist, error) { return HistogramAuto(img, nbins) },
			func() (Hist, error) { return Histogram(img, nbins, -math.MaxFloat64, math.MaxFloat64) },
		} {
			hist, err := h()
			if err != nil {
				t.Fatal(err)
			}
			for i, e := range hist.Edges {
				if math.IsInf(e, 0) || math.IsNaN(e) || i > 0 && !(e > hist.Edges[i-1]) {
					t.Fatalf("nbins %d: edges %v", nbins, hist.Edges)
				}
			}
			var total int64
			for b, c := range hist.Counts {
				total += c
				var want int64
				for _, v := range vals {
					if v >= hist.Edges[b] && (v < hist.Edges[b+1] || b == nbins-1 && v == hist.Edges[b+1]) {
						want++
					}
				}
				if c != want {
					t.Fatalf("nbins %d: bin %d [%v, %v] counts %d, want %d", nbins, b, hist.Edges[b], hist.Edges[b+1], c, want)
				}
			}
			if total != int64(len(vals)) {
				t.Fatalf("nbins %d: %d of %d pixels counted", nbins, total, len(vals))
			}
		}
	}
}

// TestStdDdofAtLeastCountFollowsNumpy: numpy.std divides by max(N - ddof,
// 0): +Inf when the pixels differ, NaN when they are all equal (0/0), for
// ddof = N and beyond; numpy is the reference.
func TestStdDdofAtLeastCountFollowsNumpy(t *testing.T) {
	const n = 6
	imgs := map[string][]float64{"varied": {1, 2, 3, 4, 5, 9}, "constant": {7, 7, 7, 7, 7, 7}}
	ddofs := []int{n - 1, n, n + 1, n + 10}
	inp := map[string]gips.Array{}
	for name, v := range imgs {
		inp[name] = gips.ArrayOf(v, 2, 3)
	}
	ref := testref.Run(t, fmt.Sprintf(`import warnings
warnings.simplefilter("ignore")
for k, a in inp.items():
    out[k] = np.array([np.std(a, ddof=d) for d in %[1]s])
    out[k + "_u8"] = np.array([np.std(a.astype(np.uint8), ddof=d) for d in %[1]s])`, strings.Join(strings.Fields(fmt.Sprint(ddofs)), ", ")), inp)
	for name, v := range imgs {
		for _, typ := range []string{"", "_u8"} {
			var img *gips.Image
			var err error
			if typ == "" {
				img, err = gips.FromArray(gips.ArrayOf(slices.Clone(v), 2, 3))
			} else {
				u := make([]uint8, len(v))
				for i, x := range v {
					u[i] = uint8(x)
				}
				img, err = gips.FromArray(gips.ArrayOf(u, 2, 3))
			}
			if err != nil {
				t.Fatal(err)
			}
			want := ref[name+typ]
			for i, d := range ddofs {
				got, err := Std(img, d)
				if err != nil {
					t.Fatal(err)
				}
				w := want.Get(i)
				if !(got == w || math.IsNaN(got) && math.IsNaN(w) || math.Abs(got-w) < 1e-14*w) {
					t.Fatalf("%s%s ddof %d: Std = %v, numpy %v", name, typ, d, got, w)
				}
			}
		}
	}
}

// TestSumInfinities: an infinity makes the sum and mean that infinity,
// both infinities or a NaN make them NaN, as numpy's, whichever band or
// block holds them (Real32 and Real64, small and several-worker images).
func TestSumInfinities(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	for _, n := range []int{4, 1024} {
		for _, c := range []struct {
			put  []float64 // at the start, the end and the middle
			want float64
		}{{[]float64{inf}, inf}, {[]float64{-inf, -inf}, -inf}, {[]float64{inf, -inf}, nan}, {[]float64{nan}, nan}, {[]float64{1e308, 1e308}, inf}} {
			d64 := make([]float64, n*n)
			for i := range d64 {
				d64[i] = float64(i%7) - 3
			}
			for i, x := range c.put {
				d64[[]int{0, n*n - 1, n * n / 2}[i%3]] = x
			}
			d32 := make([]float32, n*n)
			for i, x := range d64 {
				d32[i] = float32(x)
			}
			want32 := c.want
			if c.put[0] == 1e308 { // beyond float32: +Inf each
				want32 = inf
			}
			for _, a := range []gips.Array{gips.ArrayOf(d64, n, n), gips.ArrayOf(d32, n, n)} {
				img, err := gips.FromArray(a)
				if err != nil {
					t.Fatal(err)
				}
				want := c.want
				if img.Type() == gips.Real32 {
					want = want32
				}
				s, _ := Sum(img)
				m, _ := Mean(img)
				if !(s == want || s != s && want != want) || !(m == want || m != m && want != want) {
					t.Errorf("%v %dx%d with %v: sum %v mean %v, want %v", img.Type(), n, n, c.put, s, m, want)
				}
			}
		}
	}
}
