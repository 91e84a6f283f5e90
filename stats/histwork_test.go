package stats

import (
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// The 8-bit value counts of an image large enough for several workers
// (2048x2048 is past par.InlineBytes),
// against a count written here, for the histogram (one bin per value) and
// ValueCounts, on a contiguous image and on a view with padded rows, many
// times (the chunks go to whichever worker is free, helpers spinning or
// not).
func TestValueCountsSeveralWorkersMatchBruteForce(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	const w, h = 2048, 2048
	if w*h < par.InlineBytes {
		t.Fatalf("image too small for two workers")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	img, err := gips.CreateImage(gips.Geometry2d(gips.UInt8, w, h))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := img.Array()
	var want [256]int64
	for i := range a.Data {
		v := uint8(128 + rng.NormFloat64()*30)
		if i%1000 < 50 {
			v = 7 // runs of one value
		}
		a.Data[i] = v
		want[v]++
	}
	view, err := img.Region2d(0, 0, w-3, h) // rows not contiguous
	if err != nil {
		t.Fatal(err)
	}
	var wantView [256]int64
	for y := range h {
		for x := range w - 3 {
			wantView[a.Data[y*w+x]]++
		}
	}
	for i := range 20 {
		for _, c := range []struct {
			img  *gips.Image
			want *[256]int64
		}{{img, &want}, {view, &wantView}} {
			hist, err := Histogram(c.img, 256, 0, 256)
			if err != nil {
				t.Fatal(err)
			}
			for v, n := range hist.Counts {
				if n != c.want[v] {
					t.Fatalf("call %d: histogram bin %d: %d, want %d", i, v, n, c.want[v])
				}
			}
			values, counts, err := ValueCounts(c.img)
			if err != nil {
				t.Fatal(err)
			}
			k := 0
			for v, n := range c.want {
				if n == 0 {
					continue
				}
				if k >= len(values) || values[k] != int64(v) || counts[k] != n {
					t.Fatalf("call %d: value counts differ at value %d (want %d pixels)", i, v, n)
				}
				k++
			}
			if k != len(values) {
				t.Fatalf("call %d: %d values, want %d", i, len(values), k)
			}
		}
	}
}
