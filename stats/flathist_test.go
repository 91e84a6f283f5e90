package stats

import (
	"fmt"
	"github.com/gipsdev/gips/internal/par"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// unitBins' rule from the ends gives the edges' own answer (each edge
// first+i, first an integer of at most 2^52) for fillEdges' float64
// edges: integer ranges of n and of n±1 (by a unit or an ulp), halves,
// large and huge values.
func TestUnitBins(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	scan := func(e []float64) bool {
		if e[0] != math.Trunc(e[0]) || math.Abs(e[0]) > 1<<52 {
			return false
		}
		for i, v := range e {
			if v != e[0]+float64(i) {
				return false
			}
		}
		return true
	}
	los := []float64{0, -0.0, 1, -128, -32768, 0.5, -0.5, 1e6, 1 << 24, 1<<52 - 300, 1 << 52, 1<<52 + 2, 1 << 53, -1 << 52, 1e300, -1e300}
	for range 50 {
		los = append(los, float64(rng.IntN(1<<20)-1<<19), float64(rng.Int64N(1<<54)-1<<53))
	}
	units := 0
	for _, lo := range los {
		for _, n := range []int{1, 2, 3, 255, 256, 257, 1000} {
			for _, hi := range []float64{lo + float64(n), lo + float64(n) - 1, lo + float64(n) + 1,
				math.Nextafter(lo+float64(n), math.Inf(1)), math.Nextafter(lo+float64(n), math.Inf(-1)), lo + float64(n)/2} {
				if !(hi > lo) {
					continue
				}
				e := make([]float64, n+1)
				fillEdges(e, lo, hi, false)
				b := newBinner(e)
				if got, want := b.unitBins(), scan(e); got != want {
					t.Fatalf("lo %v hi %v n %d: unitBins %v, the edges say %v", lo, hi, n, got, want)
				} else if got {
					units++
				}
			}
		}
	}
	if units < 50 {
		t.Fatalf("only %d cases of unit bins", units)
	}
}

// The flat histogrammer's counts and edges are a count in the test: each
// pixel's value (a Binary pixel's 0 or 1) in the last bin whose edge is
// at most it, the last bin closed, values outside not counted; the edges
// numpy's linspace, over the range given or the pixels' own.
func TestFlatHistogramCounts(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, typ := range []gips.BufferType{gips.UInt8, gips.Int8, gips.Binary} {
		for _, size := range []int{1, 100, smallRun - 1, smallRun, 5000, par.InlineBytes/countBytes - 1} {
			for _, constant := range []bool{false, true} {
				s := make([]byte, size)
				for i := range s {
					s[i] = byte(rng.NormFloat64()*30 + 100)
					if constant {
						s[i] = 0x81
					}
				}
				val := func(b byte) float64 {
					switch {
					case typ == gips.Int8:
						return float64(int8(b))
					case typ == gips.Binary && b != 0:
						return 1
					}
					return float64(b)
				}
				for _, c := range []struct {
					nbins int
					r     []float64 // nil: auto
				}{{256, []float64{0, 256}}, {10, nil}, {7, []float64{-3.5, 100.25}}, {1, []float64{5, 5}}, {300, []float64{-128, 172}}, {3, []float64{0, 2}}} {
					name := fmt.Sprintf("%v/%d/constant %v/%d bins over %v", typ, size, constant, c.nbins, c.r)
					p := ops.Values{"nbins": c.nbins, "range": nil}
					lo, hi := math.Inf(1), math.Inf(-1)
					if c.r != nil {
						p["range"] = c.r
						lo, hi = c.r[0], c.r[1]
					} else {
						for _, b := range s {
							lo, hi = min(lo, val(b)), max(hi, val(b))
						}
					}
					if lo == hi {
						lo, hi = lo-0.5, hi+0.5
					}
					n, ok := flatHistBins(typ, s, p)
					if !ok || n != c.nbins {
						t.Fatalf("%s: flatHistBins %d %v", name, n, ok)
					}
					counts, edges := make([]int64, n), make([]float64, n+1)
					for i := range counts {
						counts[i] = -99 // Fill writes every count
					}
					flatHistFill(typ, s, p, counts, edges)
					want := make([]int64, n)
					for i := range edges {
						if w := float64(i)*((hi-lo)/float64(n)) + lo; i < n && edges[i] != w || i == n && edges[i] != hi {
							t.Fatalf("%s: edge %d %v, want %v", name, i, edges[i], w)
						}
					}
					for _, b := range s {
						v := val(b)
						if v < edges[0] || v > edges[n] {
							continue
						}
						k := n - 1
						for k > 0 && v < edges[k] {
							k--
						}
						want[k]++
					}
					for i := range want {
						if counts[i] != want[i] {
							t.Fatalf("%s: bin %d: %d, want %d", name, i, counts[i], want[i])
						}
					}
				}
			}
		}
	}
	// Other types, too large a buffer for one worker and bad ranges are
	// the general path's.
	p := ops.Values{"nbins": 256, "range": []float64{0, 256}}
	for _, c := range []struct {
		t gips.BufferType
		n int
		r []float64
	}{{gips.UInt16, 64, nil}, {gips.Real32, 64, nil}, {gips.UInt8, par.InlineBytes / countBytes, nil}, {gips.UInt8, 64, []float64{5, 1}}, {gips.UInt8, 64, []float64{0, math.Inf(1)}}} {
		if c.r != nil {
			p["range"] = c.r
		}
		if _, ok := flatHistBins(c.t, make([]byte, c.n), p); ok {
			t.Errorf("%v, %d bytes, range %v: flatHistBins took it", c.t, c.n, p["range"])
		}
	}
}
