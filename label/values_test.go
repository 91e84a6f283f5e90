package label

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// TestLabelValuesInParts: labelSizes, relabelSequential and
// removeSmallObjects of label images large beside their labels, which
// count in a table per worker and map through a table over rows split
// between the workers, against brute force, at one and two workers, on
// 8-, 16- and 32-bit types; a negative label in the last part is an error.
func TestLabelValuesInParts(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(81, 82))
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		for _, bt := range []gips.BufferType{gips.UInt8, gips.Int16, gips.UInt32, gips.Int32, gips.Label16} {
			name := fmt.Sprint(bt, "/", procs)
			g := gips.Geometry3d(bt, 50, 40, 9)
			img, err := gips.CreateImage(g)
			if err != nil {
				t.Fatal(err)
			}
			// Runs of labels 0-60, every third one unused, 0 most often.
			vals := make([]uint64, g.Pixels())
			for i := 0; i < len(vals); {
				v := uint64(rng.IntN(61))
				if v%3 == 2 || rng.IntN(3) == 0 {
					v = 0
				}
				for n := 1 + rng.IntN(7); n > 0 && i < len(vals); n-- {
					vals[i] = v
					i++
				}
			}
			setValues(t, img, vals)
			want := make([]int64, slices.Max(vals)+1)
			for _, v := range vals {
				want[v]++
			}
			got, err := LabelSizes(img)
			if err != nil || !slices.Equal(got, want) {
				t.Fatalf("%s: labelSizes %v (%v), want %v", name, got, err, want)
			}
			// relabelSequential: the used labels in order, 1 up.
			seq, next := make([]uint64, len(want)), uint64(0)
			for v := 1; v < len(want); v++ {
				if want[v] > 0 {
					next++
					seq[v] = next
				}
			}
			out, n, err := RelabelSequential(img)
			if err != nil || uint64(n) != next {
				t.Fatalf("%s: relabelSequential gave %d labels (%v), want %d", name, n, err, next)
			}
			checkValues(t, name+" relabel", out, vals, func(v uint64) uint64 { return seq[v] })
			small, err := RemoveSmallObjects(img, 40, 1)
			if err != nil {
				t.Fatal(err)
			}
			checkValues(t, name+" removeSmallObjects", small, vals, func(v uint64) uint64 {
				if want[v] < 40 {
					return 0
				}
				return v
			})
			if bt.IsSigned() {
				vals[len(vals)-3] = ^uint64(0) // -1
				setValues(t, img, vals)
				if _, err := LabelSizes(img); !errors.Is(err, gips.ErrParam) {
					t.Fatalf("%s: a negative label: %v", name, err)
				}
			}
		}
	}
}

// setValues writes vals (as int64 bits, truncated to the type) into img's
// pixels in order.
func setValues(t *testing.T, img *gips.Image, vals []uint64) {
	t.Helper()
	a, err := img.Array()
	if err != nil {
		t.Fatal(err)
	}
	idx := make([]int, len(a.Shape))
	for _, v := range vals {
		a.Put(float64(int64(v)), idx...)
		imgtest.Next(idx, a.Shape)
	}
}

// checkValues compares img's pixels with f of vals, in order.
func checkValues(t *testing.T, name string, img *gips.Image, vals []uint64, f func(uint64) uint64) {
	t.Helper()
	got := imgtest.ImageValues(t, img)
	for i, v := range vals {
		if got[i] != float64(f(v)) {
			t.Fatalf("%s: pixel %d (label %d): got %v, want %v", name, i, v, got[i], f(v))
		}
	}
}
