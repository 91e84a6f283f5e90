package segment

import (
	cheap "container/heap"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// fifoItem and fifoQueue: a textbook priority queue on (value, age), every
// key distinct, for the brute-force flood below.
type fifoItem struct{ val, age, x, y, z int }
type fifoQueue []fifoItem

func (q fifoQueue) Len() int { return len(q) }
func (q fifoQueue) Less(i, j int) bool {
	if q[i].val != q[j].val {
		return q[i].val < q[j].val
	}
	return q[i].age < q[j].age
}
func (q fifoQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *fifoQueue) Push(v any)   { *q = append(*q, v.(fifoItem)) }
func (q *fifoQueue) Pop() any {
	old := *q
	e := old[len(old)-1]
	*q = old[:len(old)-1]
	return e
}

// rasterFlood is the plain watershed with the markers aged 0, 1, 2, ... in
// raster order (z, y, x): written for the test on unpadded coordinates.
func rasterFlood(val []int, lab []int32, in []bool, sx, sy, sz int, nbr [][3]int) []int32 {
	out := append([]int32(nil), lab...)
	q := &fifoQueue{}
	age := 0
	for z := range sz {
		for y := range sy {
			for x := range sx {
				i := (z*sy+y)*sx + x
				if !in[i] {
					out[i] = 0
				} else if out[i] != 0 {
					cheap.Push(q, fifoItem{val[i], age, x, y, z})
					age++
				}
			}
		}
	}
	for q.Len() > 0 {
		e := cheap.Pop(q).(fifoItem)
		l := out[(e.z*sy+e.y)*sx+e.x]
		for _, o := range nbr {
			x, y, z := e.x+o[0], e.y+o[1], e.z+o[2]
			if x < 0 || y < 0 || z < 0 || x >= sx || y >= sy || z >= sz {
				continue
			}
			n := (z*sy+y)*sx + x
			if !in[n] || out[n] != 0 {
				continue
			}
			out[n] = l
			cheap.Push(q, fifoItem{val[n], age, x, y, z})
			age++
		}
	}
	return out
}

// TestRasterTiesMatchBruteForce: WithExactTies(false) on 8- and 16-bit
// images with few grey levels and many markers sharing them, 2D and 3D,
// both connectivities, with and without a mask, equals the brute-force
// flood that ages the markers in raster order.
func TestRasterTiesMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 24 {
		vol := trial%2 == 1
		sx, sy, sz := 5+rng.IntN(20), 4+rng.IntN(20), 1
		nd := 2
		if vol {
			sz, nd = 2+rng.IntN(6), 3
		}
		bt := []gips.BufferType{gips.UInt8, gips.UInt16, gips.Int16, gips.Int8}[trial%4]
		conn := gips.Connectivity(1 + trial/2%nd)
		useMask := trial%3 == 0
		g := gips.Geometry2d(bt, sx, sy)
		if vol {
			g = gips.Geometry3d(bt, sx, sy, sz)
		}
		n := sx * sy * sz
		val, lab, in := make([]int, n), make([]int32, n), make([]bool, n)
		fv, fl, fm := make([]float64, n), make([]float64, n), make([]float64, n)
		lo := 0
		if bt.IsSigned() {
			lo = -3
		}
		for z := range sz {
			for y := range sy {
				for x := range sx {
					i := (z*sy+y)*sx + x
					val[i] = lo + rng.IntN(4)
					if rng.IntN(6) == 0 {
						lab[i] = int32(1 + rng.IntN(9))
					}
					in[i] = !useMask || rng.IntN(8) != 0
					fv[i], fl[i], fm[i] = float64(val[i]), float64(lab[i]), b2f(in[i])
				}
			}
		}
		img, mk, mask := build(t, g, fv, bt), build(t, g, fl, gips.Int32), build(t, g, fm, gips.Binary)
		opts := []Option{WithConnectivity(conn), WithExactTies(false)}
		if useMask {
			opts = append(opts, WithMask(mask))
		}
		got, err := Watershed(img, mk, opts...)
		if err != nil {
			t.Fatal(err)
		}
		want := rasterFlood(val, lab, in, sx, sy, sz, skimageOrder[nd-2][conn-1])
		for i, v := range values(t, got) {
			if int32(v) != want[i] {
				t.Fatalf("trial %d (%v %dx%dx%d conn %d mask %v): pixel %d (x fastest) = %v, brute force %d",
					trial, bt, sx, sy, sz, conn, useMask, i, v, want[i])
			}
		}
	}
}

// TestRasterTiesEqualExactWhenDistinct: with every marker at its own grey
// level the tie order cannot matter, so both modes give scikit-image's
// result (the exact mode is checked against scikit-image elsewhere).
func TestRasterTiesEqualExactWhenDistinct(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, vol := range []bool{false, true} {
		g := gips.Geometry2d(gips.UInt16, 40, 30)
		sz := 1
		if vol {
			g, sz = gips.Geometry3d(gips.UInt16, 20, 16, 8), 8
		}
		n := g.SizeX * g.SizeY * sz
		fv, fl := make([]float64, n), make([]float64, n)
		level := 1000
		for i := range n {
			fv[i] = float64(rng.IntN(8))
			if rng.IntN(10) == 0 {
				// markers above the background's levels, each its own
				fv[i], fl[i] = float64(level), float64(1+rng.IntN(5))
				level++
			}
		}
		img, mk := build(t, g, fv, gips.UInt16), build(t, g, fl, gips.Int32)
		exact, err := Watershed(img, mk)
		if err != nil {
			t.Fatal(err)
		}
		fast, _ := Watershed(img, mk, WithExactTies(false))
		a, b := values(t, exact), values(t, fast)
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("%s pixel %d: exact %v, raster ties %v", fmt.Sprint(g), i, a[i], b[i])
			}
		}
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// build is an image of geometry g's sizes and type bt holding vals (x
// fastest).
func build(t *testing.T, g gips.Geometry, vals []float64, bt gips.BufferType) *gips.Image {
	t.Helper()
	dims := []int{g.SizeY, g.SizeX}
	if g.Volume {
		dims = []int{g.SizeZ, g.SizeY, g.SizeX}
	}
	f, err := gips.FromArray(gips.ArrayOf(vals, dims...))
	if err != nil {
		t.Fatal(err)
	}
	img, err := gips.ConvertTo(f, bt)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// values is img's pixels as float64, x fastest.
func values(t *testing.T, img *gips.Image) []float64 {
	t.Helper()
	f, err := gips.ConvertTo(img, gips.Real64)
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := gips.Planes[float64](f)
	var out []float64
	for _, p := range ps {
		for y := range img.SizeY() {
			out = append(out, p.Row(y)...)
		}
	}
	return out
}

// TestMarkerAtInt32Min: a marker labelled -2^31 (the compact arrays'
// outside mark) is a label like any other: the call floods on the cells
// instead, and the result is the flood's (markers at distinct levels, so
// the brute force's tie order is as good as any).
func TestMarkerAtInt32Min(t *testing.T) {
	sx, sy := 12, 9
	n := sx * sy
	rng := rand.New(rand.NewPCG(9, 10))
	val, lab, in := make([]int, n), make([]int32, n), make([]bool, n)
	fv, fl := make([]float64, n), make([]float64, n)
	for i := range n {
		val[i], in[i] = rng.IntN(6), true
	}
	val[3], lab[3] = 100, math.MinInt32
	val[50], lab[50] = 101, 7
	val[100], lab[100] = 102, -5
	for i := range n {
		fv[i], fl[i] = float64(val[i]), float64(lab[i])
	}
	g := gips.Geometry2d(gips.UInt8, sx, sy)
	img, mk := build(t, g, fv, gips.UInt8), build(t, g, fl, gips.Int32)
	got, err := Watershed(img, mk)
	if err != nil {
		t.Fatal(err)
	}
	want := rasterFlood(val, lab, in, sx, sy, 1, skimageOrder[0][0])
	seen := false
	for i, v := range values(t, got) {
		if int32(v) != want[i] {
			t.Fatalf("pixel %d = %v, brute force %d", i, v, want[i])
		}
		seen = seen || want[i] == math.MinInt32
	}
	if !seen {
		t.Fatal("the test's input gives the -2^31 marker no pixel")
	}
}

// TestRasterTiesMatchBruteForceSmooth: the hierarchical queue on smooth
// 8- and 16-bit volumes (hundreds or thousands of grey levels, long FIFOs
// that flow drains level by level and reads ahead in, neighbours queued
// below the level being drained, levels in different words of the
// bitmap) equals the brute-force flood, for faces and full connectivity.
func TestRasterTiesMatchBruteForceSmooth(t *testing.T) {
	const sx, sy, sz = 48, 40, 6
	rng := rand.New(rand.NewPCG(7, 8))
	for _, bt := range []gips.BufferType{gips.UInt8, gips.UInt16} {
		img := smooth(bt, sx, sy, sz)
		fv := values(t, img)
		n := sx * sy * sz
		val, lab, in := make([]int, n), make([]int32, n), make([]bool, n)
		fl := make([]float64, n)
		for i := range n {
			val[i], in[i] = int(fv[i]), true
			if rng.IntN(150) == 0 {
				lab[i] = int32(1 + rng.IntN(40))
				fl[i] = float64(lab[i])
			}
		}
		mk := build(t, img.Geometry(), fl, gips.Int32)
		for conn := gips.Connectivity(1); conn <= 3; conn += 2 {
			got, err := Watershed(img, mk, WithConnectivity(conn), WithExactTies(false))
			if err != nil {
				t.Fatal(err)
			}
			want := rasterFlood(val, lab, in, sx, sy, sz, skimageOrder[1][conn-1])
			for i, v := range values(t, got) {
				if int32(v) != want[i] {
					t.Fatalf("%v conn %d: pixel %d (x fastest) = %v, brute force %d", bt, conn, i, v, want[i])
				}
			}
		}
	}
}
