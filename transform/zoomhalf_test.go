package transform

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// TestZoomHalfShortcut: a grid-mode order-1 halving of 2D uint8 (even
// sides) takes zoomHalf, and gives every output pixel the rounded mean of
// its 2x2 block, (a+b+c+d+2)>>2 (scipy's exact sum of v/4 rounded half
// away from zero, written out here), and the general job's bytes, in every
// mode, on imgtest's layouts (channels, time points, padded and flipped
// memory) and on rows whose length leaves a vector tail.
func TestZoomHalfShortcut(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	var imgs []*gips.Image
	for _, s := range imgtest.Samples(t, rng, gips.UInt8, nil) {
		imgs = append(imgs, s.Img)
	}
	for _, sz := range [][2]int{{2, 2}, {62, 4}, {64, 6}, {66, 2}, {128, 3 * 2}, {190, 10}, {4096 + 2, 4}} {
		img, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, sz[0], sz[1]))
		p, _ := gips.WritablePlanes[uint8](img)
		for y := range sz[1] {
			for x := range p[0].Row(y) {
				p[0].Row(y)[x] = uint8(rng.IntN(256))
			}
		}
		imgs = append(imgs, img)
	}
	modes := []Mode{Nearest, Reflect, Mirror, Wrap, GridWrap, GridMirror, Constant, GridConstant}
	taken := 0
	for _, img := range imgs {
		g := img.Geometry()
		if g.Volume || g.SizeX%2 != 0 || g.SizeY%2 != 0 {
			continue
		}
		og, err := ZoomGeometry(g, 0.5, 0.5, 1)
		if err != nil {
			t.Fatal(err)
		}
		sp, _ := gips.Planes[uint8](img)
		for _, m := range modes {
			c := collect([]Option{WithOrder(1), WithMode(m), WithCval(3), WithGridMode(true)})
			got, _ := gips.CreateImage(og)
			ok, err := zoomHalf(got, img, c)
			if !ok || err != nil {
				t.Fatalf("%v %v: zoomHalf not taken (%v, %v)", g, m, ok, err)
			}
			taken++
			want, _ := gips.CreateImage(og)
			if err := zoomJob(want, img, c).run(); err != nil {
				t.Fatal(err)
			}
			gp, _ := gips.Planes[uint8](got)
			wp, _ := gips.Planes[uint8](want)
			for i := range gp {
				for y := range og.SizeY {
					for x := range og.SizeX {
						s := int(sp[i].At(2*x, 2*y)) + int(sp[i].At(2*x+1, 2*y)) + int(sp[i].At(2*x, 2*y+1)) + int(sp[i].At(2*x+1, 2*y+1))
						if v, j := gp[i].At(x, y), wp[i].At(x, y); int(v) != (s+2)>>2 || v != j {
							t.Fatalf("%v %v plane %d (%d, %d): %d, want %d (job %d)", g, m, i, x, y, v, (s+2)>>2, j)
						}
					}
				}
			}
		}
	}
	if taken < 5*len(modes) {
		t.Fatalf("only %d calls took zoomHalf", taken)
	}
}

// TestZoomHalfShortcutDeclines: calls that are not that halving go to the
// job (odd sides, other orders, no grid mode, other types, volumes).
func TestZoomHalfShortcutDeclines(t *testing.T) {
	for _, tc := range []struct {
		in, out gips.Geometry
		opts    []Option
	}{
		{gips.Geometry2d(gips.UInt8, 8, 8), gips.Geometry2d(gips.UInt8, 4, 4), []Option{WithOrder(1)}},
		{gips.Geometry2d(gips.UInt8, 8, 8), gips.Geometry2d(gips.UInt8, 4, 4), []Option{WithOrder(3), WithGridMode(true)}},
		{gips.Geometry2d(gips.UInt8, 9, 8), gips.Geometry2d(gips.UInt8, 4, 4), []Option{WithOrder(1), WithGridMode(true)}},
		{gips.Geometry2d(gips.UInt8, 8, 8), gips.Geometry2d(gips.UInt8, 4, 3), []Option{WithOrder(1), WithGridMode(true)}},
		{gips.Geometry2d(gips.UInt16, 8, 8), gips.Geometry2d(gips.UInt16, 4, 4), []Option{WithOrder(1), WithGridMode(true)}},
		{gips.Geometry2d(gips.UInt8, 8, 8), gips.Geometry2d(gips.Real32, 4, 4), []Option{WithOrder(1), WithGridMode(true)}},
		{gips.Geometry3d(gips.UInt8, 8, 8, 8), gips.Geometry3d(gips.UInt8, 4, 4, 4), []Option{WithOrder(1), WithGridMode(true)}},
	} {
		src, _ := gips.CreateImage(tc.in)
		dst, _ := gips.CreateImage(tc.out)
		if ok, _ := zoomHalf(dst, src, collect(tc.opts)); ok {
			t.Errorf("%v -> %v: zoomHalf taken", tc.in, tc.out)
		}
	}
}

// TestZoomTableCache: the cached axis tables are the ones a fresh build
// gives, for calls that differ in one of the key's parts at a time (mode,
// order, grid, sizes), in any order.
func TestZoomTableCache(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	modes := []Mode{Nearest, Reflect, Mirror, Wrap, GridWrap, GridMirror, Constant, GridConstant}
	for range 300 {
		in, out := 5+rng.IntN(4), 3+rng.IntN(12)
		c := collect([]Option{WithOrder(rng.IntN(6)), WithMode(modes[rng.IntN(len(modes))]), WithGridMode(rng.IntN(2) == 0)})
		src, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, in, in+1))
		dst, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, out, out))
		j := zoomJob(dst, src, c)
		for a, n := range [2]int{in, in + 1} {
			want := j.table(a, out, zoomCoord(n, out, c.gridMode))
			got := j.m.tabs[a]
			if len(got) != len(want) {
				t.Fatalf("axis %d: %d windows, want %d", a, len(got), len(want))
			}
			for k := range want {
				if got[k] != want[k] {
					t.Fatalf("%+v axis %d %d->%d [%d]: %+v, want %+v", c, a, n, out, k, got[k], want[k])
				}
			}
		}
	}
}

// TestDyadicBits: dyadicBits is the smallest b <= maxb with w·2^b an
// integer, found here by trying each b in turn.
func TestDyadicBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	ws := []float64{0, 1, -1, 0.5, -0.5, 0.25, 0.75, 3.125, 1e300, math.Inf(1), math.Inf(-1), math.NaN(),
		math.SmallestNonzeroFloat64, 1 - 0x1p-53, 0x1p-1074 * 3, 0x1p-30, 0x1p-31}
	for range 2000 {
		ws = append(ws, float64(rng.IntN(1<<12))*math.Ldexp(1, -rng.IntN(40)), rng.Float64(), rng.NormFloat64()*100)
	}
	for _, w := range ws {
		for _, maxb := range []int{0, 1, 4, 7, 11, 23, 30} {
			want := -1
			for b := 0; b <= maxb; b++ {
				if s := math.Ldexp(w, b); s == math.Trunc(s) {
					want = b
					break
				}
			}
			if got := dyadicBits(w, maxb); got != want {
				t.Fatalf("dyadicBits(%v, %d) = %d, want %d", w, maxb, got, want)
			}
		}
	}
}
