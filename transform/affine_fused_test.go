package transform

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
)

// TestFusedKernelMatchesGo: the fused kernel (of each tier the
// GOEXPERIMENT=simd build has on this machine) stores, for every
// point it takes, what lin2Go and storeRow store, bit for bit; it takes
// whole groups (of eight on AVX-512, four on AVX2) from where it starts, stops at the first group
// with a point outside its box and takes no group past n. Planes of uint8,
// uint16, float32 (negative values, -0, NaN, infinities, subnormals) and
// int16 with padding beyond the width, down to one pixel, points on
// and next to whole numbers and the last pixel, outside the plane
// (clamped taps), NaN, the box of mode Nearest and the interior box, and
// every source of coordinates (float64 and float32 slices, an affine row).
// Points scattered at random and points along lines, as an affine map's
// row gives them.
func TestFusedKernelMatchesGo(t *testing.T) { eachTier(t, testFusedKernelMatchesGo) }

func testFusedKernelMatchesGo(t *testing.T) {
	if !fusedAvailable() {
		t.Skip("no fused kernel in this build or on this CPU")
	}
	rng := rand.New(rand.NewPCG(21, 22))
	for _, sz := range [][2]int{{41, 29}, {300, 7}, {1, 5}, {6, 1}, {1, 1}, {2, 2}, {17, 9}, {70, 40}} {
		fusedTypes[uint8](t, rng, sz)
		fusedTypes[uint16](t, rng, sz)
		fusedTypes[float32](t, rng, sz)
		fusedTypes[int16](t, rng, sz)
	}
}

func fusedTypes[P fusedPixel](t *testing.T, rng *rand.Rand, sz [2]int) {
	if !fusedTakes[P]() {
		return // no kernel of this type on this tier
	}
	g := fusedGroup()
	lb := new(linBufs)
	nx, ny := sz[0], sz[1]
	pl := gips.Plane[P]{Pix: make([]P, (nx+3)*ny), Stride: nx + 3, Width: nx, Height: ny}
	for i := range pl.Pix {
		pl.Pix[i] = 9 // padding: a tap read there would show
	}
	rows := make([][]P, ny)
	kind := rng.IntN(3) // some planes saturate, some are at most -0
	for y := range rows {
		rows[y] = pl.Row(y)
		for x := range rows[y] {
			rows[y][x] = affineSample[P](rng, kind)
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
				if wide := any(P(0)) == any(float32(0)) || any(P(0)) == any(int16(0)); wide && nx == 1 {
					if end != start {
						t.Fatalf("%s: took points of a plane one sample wide", what)
					}
					continue
				}
				if end < start || (end-start)%g != 0 || end > n {
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
				if end+g <= n {
					stop := false
					for k := end; k < end+g; k++ {
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
				// Today's path (lin2, storeSeg) and lin2Go and storeRow
				// (one point at a time) bit for bit, but for the sign and
				// payload of a NaN: where two NaNs meet in a sum (a NaN
				// sample and -Inf times a zero weight) x86 keeps the first
				// operand's, and Go may compute s + p as p + s, in Go or
				// vector code alike (lin2Go and lin2 differ there too).
				py, px := make([]float64, end-start), make([]float64, end-start)
				for k := range py {
					py[k], px[k] = f.point(start + k)
				}
				v := make([]float64, len(py))
				lin2(rows, &pl, py, px, v, lb)
				today := make([]P, len(v))
				storeSeg(today, v)
				for k := start; k < end; k++ {
					y, x := f.point(k)
					lin2Go(rows, []float64{y}, []float64{x}, v[:1])
					var want [1]P
					storeRow(want[:], v[:1])
					if !affineSame(got[k], today[k-start]) || !affineSame(got[k], want[0]) {
						t.Fatalf("%s: point %d (%v, %v): fused %v, lin2 and storeSeg %v, lin2Go and storeRow %v", what, k, y, x, got[k], today[k-start], want[0])
					}
				}
			}
		}
	}
}

// affineSample is a random sample of type P, of a plane of kind 0: any
// value of an integer type, float32 values of either sign and now and
// then -0, NaN (two payloads), an infinity, a subnormal or the largest
// value; of kind 1: the type's extremes (float32: the largest and
// subnormal values of either sign); of kind 2: the three lowest values
// capped at 0 (float32: -0 half the time, else negative values: products
// all -0, whose sum lin2Go starts from +0).
func affineSample[P fusedPixel](rng *rand.Rand, kind int) P {
	var z P
	lo, hi := gips.TypeOf[P]().Range()
	if _, ok := any(z).(float32); ok {
		specials := []float32{float32(math.Copysign(0, -1)), 0, float32(math.NaN()), math.Float32frombits(0x7fc01234),
			float32(math.Inf(1)), float32(math.Inf(-1)), math.SmallestNonzeroFloat32, -3e-39, math.MaxFloat32, -math.MaxFloat32}
		switch {
		case kind == 1:
			return P(specials[6+rng.IntN(4)])
		case kind == 2 && rng.IntN(2) == 0:
			return P(specials[0])
		case kind == 2:
			return P(float32(-rng.ExpFloat64()))
		case rng.IntN(20) == 0:
			return P(specials[rng.IntN(len(specials))])
		}
		return P(float32(rng.NormFloat64() * 1000))
	}
	switch kind {
	case 1:
		return P([2]float64{lo, hi}[rng.IntN(2)])
	case 2:
		return P(min(lo+float64(rng.IntN(3)), 0))
	}
	return P(lo + math.Floor(rng.Float64()*(hi-lo+1)))
}

// affineSame says whether a and b are the same value, bit for bit for
// float32 (the sign of zero included) but for a NaN's sign and payload.
func affineSame[P fusedPixel](a, b P) bool {
	if x, ok := any(a).(float32); ok {
		return math.Float32bits(x) == math.Float32bits(any(b).(float32)) || a != a && b != b
	}
	return a == b
}
