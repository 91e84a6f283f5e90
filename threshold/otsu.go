package threshold

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/stats"
)

// Otsu is the threshold that Otsu's method picks for img, equal to
// skimage.filters.threshold_otsu(a) (scikit-image 0.19) on the same pixels:
// every channel and plane together. Pixels above it are the foreground
// (OtsuApply).
//
// As in scikit-image, an integer image is histogrammed with one bin per
// integer value from its min to its max (the threshold is one of its
// values), a float image with 256 equal bins over [min, max] (the
// threshold is a bin centre, in the image's float precision), and an image
// of one value returns that value. The between-class variance is computed
// with scikit-image's cumulative sums, in the same order, so that ties
// resolve to the same bin. A float image holding NaN or ±Inf is an error.
func Otsu(img *gips.Image) (float64, error) { return OtsuBins(img, 256) }

// OtsuBins is Otsu with nbins (>= 2) bins for float images, as
// threshold_otsu(a, nbins); integer images ignore it, as there.
func OtsuBins(img *gips.Image, nbins int) (float64, error) {
	if nbins < 2 {
		return 0, fmt.Errorf("otsu: nbins %d: want >= 2: %w", nbins, ErrParam)
	}
	if t := img.Type(); !t.IsFloat() && t.ItemSize() <= 2 {
		return otsuSmall(img)
	}
	if !img.Type().IsFloat() {
		values, counts, err := stats.ValueCounts(img)
		if err != nil {
			return 0, fmt.Errorf("otsu: %w", err)
		}
		if len(values) == 1 {
			return float64(values[0]), nil
		}
		c, v := make([]float64, len(counts)), make([]float64, len(values))
		for i := range counts {
			c[i], v[i] = float64(counts[i]), float64(values[i])
		}
		return v[otsuIndex(c, v)], nil
	}
	lo, err := stats.Min(img)
	if err != nil {
		return 0, fmt.Errorf("otsu: %w", err)
	}
	hi, _ := stats.Max(img)
	if lo == hi {
		return lo, nil
	}
	h, err := stats.HistogramAuto(img, nbins)
	if err != nil {
		return 0, fmt.Errorf("otsu: %w", err)
	}
	c, centres := make([]float64, nbins), make([]float64, nbins)
	for i := range c {
		c[i] = float64(h.Counts[i])
		a, b := h.Edges[i], h.Edges[i+1]
		if img.Type() == gips.Real32 { // numpy adds and halves float32 edges in float32
			centres[i] = float64((float32(a) + float32(b)) / 2)
		} else {
			centres[i] = (a + b) / 2
		}
		if math.IsInf(centres[i], 0) { // a + b overflowed (edges near the type's limits)
			centres[i] = a/2 + b/2
		}
	}
	return centres[otsuIndex(c, centres)], nil
}

// otsuIndex is scikit-image's selection: the first bin i that maximises
// w1[i]·w2[i+1]·(m1[i] - m2[i+1])², with w1, m1 the weight and mean of
// bins <= i (cumulated upwards) and w2, m2 those of bins >= i (cumulated
// downwards). Bins of count 0 between others do not change the result,
// which is why an integer image's distinct values suffice.
//
// Values so large that the sums would overflow (an image holding ±1e308)
// are scaled by a power of two first: exact, and the criterion only scales
// by its square, so the chosen bin is the same.
func otsuIndex(counts, centres []float64) int {
	n := len(counts)
	total, top := 0.0, 0.0
	for i := range counts {
		total, top = total+counts[i], max(top, math.Abs(centres[i]))
	}
	if _, e := math.Frexp(top * max(total, 1)); math.IsInf(top*total, 0) || e > 400 {
		_, et := math.Frexp(top)
		_, en := math.Frexp(max(total, 1))
		scaled := make([]float64, n)
		for i, v := range centres {
			scaled[i] = math.Ldexp(v, 400-et-en)
		}
		centres = scaled
	}
	w1, m1 := make([]float64, n), make([]float64, n)
	w2, m2 := make([]float64, n), make([]float64, n)
	var cw, cm float64
	for i := 0; i < n; i++ {
		cw += counts[i]
		cm += counts[i] * centres[i]
		w1[i], m1[i] = cw, cm/cw
	}
	cw, cm = 0, 0
	for i := n - 1; i >= 0; i-- {
		cw += counts[i]
		cm += counts[i] * centres[i]
		w2[i], m2[i] = cw, cm/cw
	}
	best, arg := 0.0, 0
	for i := 0; i < n-1; i++ {
		d := m1[i] - m2[i+1]
		v := w1[i] * w2[i+1] * (d * d)
		if i == 0 || v > best {
			best, arg = v, i
		}
	}
	return arg
}

// OtsuApply thresholds img at its Otsu value: a Binary image with 1 where
// v > threshold (scikit-image's image > threshold_otsu(image)), and the
// threshold.
func OtsuApply(img *gips.Image) (*gips.Image, float64, error) {
	t, err := Otsu(img)
	if err != nil {
		return nil, 0, err
	}
	out, err := Above(img, t)
	return out, t, err
}

// otsuSmall is Otsu for 8- and 16-bit integer images: one pass of the
// value counts into an array (a stack array for 8 bits: nothing is
// allocated), then otsuCounts over the values from the least to the
// greatest present.
func otsuSmall(img *gips.Image) (float64, error) {
	var buf [256]int64
	lo, counts, err := stats.DenseCounts(img, buf[:])
	if err != nil {
		return 0, fmt.Errorf("otsu: %w", err)
	}
	return otsuDense(lo, counts), nil
}

// otsuDense is Otsu's value of the pixels that counts counts by value
// from lo (at least one pixel).
func otsuDense(lo int64, counts []int64) float64 {
	a, b := 0, len(counts)-1
	for a < b && counts[a] == 0 {
		a++
	}
	for b > a && counts[b] == 0 {
		b--
	}
	return float64(lo + int64(a+otsuCounts(counts[a:b+1], lo+int64(a))))
}

// otsuCounts is otsuIndex for dense counts of the integers v0, v0+1, ...
// (counts[0] and the last count non-zero). A bin of count 0 ties with
// the bin before it (the same weights and means on both sides), so it is
// never chosen and is skipped. While the sums of counts and of
// count·|value| stay below 2^53, the cumulative sums that otsuIndex forms
// in float64 are exact integers: they are formed here in int64, and the
// upper ones as the total minus the lower ones (the same numbers as
// scikit-image's sums from the top), so that every float operation is
// one of otsuIndex's on the same operands and the result is identical
// with no arrays. Larger images take otsuIndex itself.
func otsuCounts(counts []int64, v0 int64) int {
	n := len(counts)
	if n == 1 {
		return 0
	}
	var w, m int64
	top := max(abs(v0), abs(v0+int64(n)-1))
	for i, c := range counts {
		w += c
		m += c * (v0 + int64(i))
		if w > 1<<53/max(top, 1) {
			return otsuFloats(counts, v0)
		}
	}
	best, arg := 0.0, 0
	var cw, cm int64
	for i, c := range counts[:n-1] {
		if c == 0 {
			continue
		}
		v := v0 + int64(i)
		cw += c
		cm += c * v
		m1 := float64(cm) / float64(cw)
		w2 := w - cw
		m2 := float64(m-cm) / float64(w2)
		d := m1 - m2
		crit := float64(cw) * float64(w2) * (d * d)
		if i == 0 || crit > best {
			best, arg = crit, i
		}
	}
	return arg
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// otsuFloats is otsuCounts by otsuIndex: over the values present.
func otsuFloats(counts []int64, v0 int64) int {
	var c, v []float64
	var at []int
	for i, n := range counts {
		if n != 0 {
			c, v, at = append(c, float64(n)), append(v, float64(v0+int64(i))), append(at, i)
		}
	}
	return at[otsuIndex(c, v)]
}
