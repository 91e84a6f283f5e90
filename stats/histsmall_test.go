package stats

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// TestHistogramSmallTypesMatchNumpy checks the value-by-value counting of
// 8- and 16-bit images against numpy.histogram over ranges whose edges fall
// on values, between values and outside the type: every 8-bit value is
// present, and the 16-bit images hold the type's extremes and values next
// to the edges. Rows of 61 pixels leave tails after the 8-byte words, and
// the 3D images have several planes.
func TestHistogramSmallTypesMatchNumpy(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, bt := range []gips.BufferType{gips.UInt8, gips.Int8, gips.UInt16, gips.Int16} {
		t.Run(bt.String(), func(t *testing.T) {
			tlo, thi := bt.Range()
			w := thi - tlo + 1
			specs := [][3]float64{
				{w, tlo, thi + 1}, // one bin per value
				{w / 2, tlo, thi + 1},
				{w / 4, tlo, thi}, // edges between values
				{7, tlo, thi},
				{10, 3, 13},
				{3, -0.5, 2.5},
				{5, 100.25, 100.25}, // lo == hi: [lo-0.5, hi+0.5]
				{1000, 0, 1},
				{13, tlo - 1000, thi + 1000},
				{1, thi, thi},
			}
			special := []float64{tlo, tlo + 1, thi - 1, thi, 0, 1, 2, 3, 12, 13, 14, 100, 101}
			for k := 0; k <= 8; k++ {
				special = append(special, tlo+float64(k)*w/8, tlo+float64(k)*w/8-1)
			}
			gen := func(i int) float64 {
				if bt.ItemSize() == 1 {
					return tlo + float64(i%256)
				}
				if i%3 == 0 {
					return tlo + float64(rng.IntN(int(w)))
				}
				return min(max(special[rng.IntN(len(special))], tlo), thi)
			}
			shapes := map[string][]int{"2d": {67, 61}, "3d": {5, 17, 61}}
			inp := map[string]gips.Array{}
			imgs := map[string]*gips.Image{}
			for name, shape := range shapes {
				n := 1
				for _, s := range shape {
					n *= s
				}
				a := makeArray(bt, n, gen, shape)
				img, err := gips.FromArray(a)
				if err != nil {
					t.Fatal(err)
				}
				inp[name], imgs[name] = a, img
			}
			var py strings.Builder
			for name := range shapes {
				for i, s := range specs {
					lo, hi := s[1], s[2]
					if lo == hi {
						lo, hi = lo-0.5, hi+0.5
					}
					fmt.Fprintf(&py, "out[%q] = np.histogram(inp[%q], bins=%d, range=(%v, %v))[0].astype(np.float64)\n",
						fmt.Sprint(name, i), name, int(s[0]), lo, hi)
				}
			}
			ref := testref.Run(t, py.String(), inp)
			for name, img := range imgs {
				for i, s := range specs {
					h, err := Histogram(img, int(s[0]), s[1], s[2])
					if err != nil {
						t.Fatal(err)
					}
					equal(t, fmt.Sprintf("%s %v", name, s), toFloats(h.Counts), imgtest.Values(ref[fmt.Sprint(name, i)]))
				}
			}
		})
	}
}

func makeArray(bt gips.BufferType, n int, gen func(i int) float64, shape []int) gips.Array {
	switch bt {
	case gips.UInt8:
		return gips.ArrayOf(fillWith[uint8](n, gen), shape...)
	case gips.Int8:
		return gips.ArrayOf(fillWith[int8](n, gen), shape...)
	case gips.UInt16:
		return gips.ArrayOf(fillWith[uint16](n, gen), shape...)
	}
	return gips.ArrayOf(fillWith[int16](n, gen), shape...)
}

func fillWith[T uint8 | int8 | uint16 | int16](n int, gen func(i int) float64) []T {
	s := make([]T, n)
	for i := range s {
		s[i] = T(gen(i))
	}
	return s
}

// TestCounterFlushesBeforeOverflow: the uint32 counters hand their counts
// to the int64 totals before one could wrap.
func TestCounterFlushesBeforeOverflow(t *testing.T) {
	var c counter8
	var total [256]int64
	c.pending = 1<<32 - 1 - 5 // as after counting that many pixels
	c.c[0][7] = 1<<32 - 1 - 5
	c.add([]byte{7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7}, &total)
	if c.flush(&total); total[7] != 1<<32-1-5+12 {
		t.Errorf("count %d, want %d", total[7], int64(1<<32-1-5+12))
	}
	c16 := new(counter16)
	c16.pending = 1<<32 - 1 - 2
	c16.c[0][65535] = 1<<32 - 1 - 2
	c16.add([]uint16{65535, 65535, 65535, 65535, 65535})
	total16 := make([]int64, 65536)
	if c16.flush(total16); total16[65535] != 1<<32-1-2+5 {
		t.Errorf("count16 %d, want %d", total16[65535], int64(1<<32-1-2+5))
	}
}
