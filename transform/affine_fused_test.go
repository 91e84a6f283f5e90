package transform

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
)

// TestFusedKernelMatchesGo: the fused kernel (AVX-512, in a
// GOEXPERIMENT=simd build on a machine that has it) stores, for every
// point it takes, what lin2Go and storeRow store, bit for bit; it takes
// whole groups of eight from where it starts, stops at the first group
// with a point outside its box and takes no group past n. Planes of uint8
// and uint16 with padding beyond the width, down to one pixel, points on
// and next to whole numbers and the last pixel, outside the plane
// (clamped taps), NaN, the box of mode Nearest and the interior box, and
// every source of coordinates (float64 and float32 slices, an affine row).
// Points scattered at random and points along lines, as an affine map's
// row gives them.
func TestFusedKernelMatchesGo(t *testing.T) {
	if !fusedAvailable() {
		t.Skip("no fused kernel in this build or on this CPU")
	}
	rng := rand.New(rand.NewPCG(21, 22))
	for _, sz := range [][2]int{{41, 29}, {300, 7}, {1, 5}, {6, 1}, {1, 1}, {2, 2}, {17, 9}, {70, 40}} {
		fusedTypes[uint8](t, rng, sz)
		fusedTypes[uint16](t, rng, sz)
	}
}

func fusedTypes[P uint8 | uint16](t *testing.T, rng *rand.Rand, sz [2]int) {
	nx, ny := sz[0], sz[1]
	pl := gips.Plane[P]{Pix: make([]P, (nx+3)*ny), Stride: nx + 3, Width: nx, Height: ny}
	for i := range pl.Pix {
		pl.Pix[i] = 9 // padding: a tap read there would show
	}
	rows := make([][]P, ny)
	_, hi := gips.TypeOf[P]().Range()
	for y := range rows {
		rows[y] = pl.Row(y)
		for x := range rows[y] {
			rows[y][x] = P(rng.Float64() * (hi + 1))
		}
	}
	// Some planes saturate: only the extremes.
	if rng.IntN(2) == 0 {
		for y := range rows {
			for x := range rows[y] {
				rows[y][x] = P(hi * float64(rng.IntN(2)))
			}
		}
	}
	coord := func(n int, outside bool) float64 {
		last := float64(n - 1)
		switch rng.IntN(8) {
		case 0:
			return float64(rng.IntN(n)) // a whole number
		case 1:
			return math.Nextafter(last, 0) // the last interior point
		case 2:
			return math.Nextafter(float64(1+rng.IntN(n)), 0) // just below a whole number
		}
		if outside {
			switch rng.IntN(6) {
			case 0:
				return rng.Float64()*float64(2*n+4) - float64(n+2)
			case 1:
				return -rng.Float64()
			case 2:
				return []float64{1 - linLimit, linLimit - 1, math.Nextafter(linLimit, 0), math.NaN(), last, math.Copysign(0, -1)}[rng.IntN(6)]
			}
		}
		return rng.Float64() * last
	}
	for _, nearest := range []bool{true, false} {
		for src := range 3 {
			affine := src == 1
			for n := 0; n <= 70; n += 1 + rng.IntN(9) {
				f := fusedSrc{
					loY: 0, hiY: float64(ny - 1), loX: 0, hiX: float64(nx - 1),
					lastY: int32(ny - 1), lastX: int32(nx - 1), stride: pl.Stride,
					base: unsafe.Pointer(unsafe.SliceData(pl.Pix)),
				}
				if nearest {
					f.loY, f.hiY, f.loX, f.hiX = -linLimit, linLimit, -linLimit, linLimit
				}
				// Mostly points the kernel takes, now and then one it
				// does not.
				outside := rng.IntN(3) == 0
				cy, cx := make([]float64, n), make([]float64, n)
				for k := range cy {
					cy[k], cx[k] = coord(ny, outside && rng.IntN(20) == 0), coord(nx, outside && rng.IntN(20) == 0)
				}
				if rng.IntN(2) == 0 {
					// A line: steps up to 1.3 pixels, clamped into the
					// plane, now and then a scattered point.
					y, x := coord(ny, false), coord(nx, false)
					dy, dx := rng.Float64()*2.6-1.3, rng.Float64()*2.6-1.3
					for k := range cy {
						if rng.IntN(30) != 0 {
							cy[k] = min(max(y+float64(k)*dy, 0), math.Nextafter(float64(ny-1), 0))
							cx[k] = min(max(x+float64(k)*dx, 0), math.Nextafter(float64(nx-1), 0))
						}
					}
				}
				if affine {
					// The row's points as (base + col) + off: the columns
					// are the points less base and off, whatever they sum to.
					f.affine = true
					f.by, f.oy, f.bx, f.ox = rng.Float64()*4-2, rng.Float64()-0.5, rng.Float64()*4-2, rng.Float64()-0.5
					f.colY, f.colX = make([]float64, n), make([]float64, n)
					for k := range cy {
						f.colY[k], f.colX[k] = cy[k]-f.by-f.oy, cx[k]-f.bx-f.ox
					}
				} else if src == 2 {
					f.cy32, f.cx32 = make([]float32, n), make([]float32, n)
					f.halves = rng.IntN(2) == 0 // either load, whatever the alignment
					for k := range cy {
						f.cy32[k], f.cx32[k] = float32(cy[k]), float32(cx[k])
					}
				} else {
					f.cy, f.cx = cy, cx
				}
				start := 0
				if n > 0 {
					start = rng.IntN(n)
				}
				got := make([]P, n+1)
				for k := range got {
					got[k] = 3
				}
				end := fusedKernel(&f, start, n, got[:n])
				what := fmt.Sprintf("%v %v nearest %v source %d, %d points from %d", gips.TypeOf[P](), sz, nearest, src, n, start)
				if end < start || (end-start)%8 != 0 || end > n {
					t.Fatalf("%s: stopped at %d", what, end)
				}
				in := func(k int) bool {
					y, x := f.point(k)
					return y >= f.loY && y < f.hiY && x >= f.loX && x < f.hiX
				}
				for k := start; k < end; k++ {
					if !in(k) {
						t.Fatalf("%s: took point %d outside the box", what, k)
					}
				}
				if end+8 <= n {
					stop := false
					for k := end; k < end+8; k++ {
						stop = stop || !in(k)
					}
					if !stop {
						t.Fatalf("%s: stopped at %d before a group inside the box", what, end)
					}
				}
				for k := range got {
					if (k < start || k >= end) && got[k] != 3 {
						t.Fatalf("%s: wrote point %d outside [%d, %d)", what, k, start, end)
					}
				}
				for k := start; k < end; k++ {
					y, x := f.point(k)
					var v [1]float64
					lin2Go(rows, []float64{y}, []float64{x}, v[:])
					var want [1]P
					storeRow(want[:], v[:])
					if got[k] != want[0] {
						t.Fatalf("%s: point %d (%v, %v): fused %v, lin2Go and storeRow %v", what, k, y, x, got[k], want[0])
					}
				}
			}
		}
	}
}
