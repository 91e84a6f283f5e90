package label

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/gipsdev/gips"
)

// TestQuadsMatchRunsAndFloodFill: Binary volumes of every size 1..9 along
// each axis (odd sizes leave quads of one row or one plane) and rows of
// 63 to 130 pixels (masks of one to three words), densities
// 0.1..0.9, some with two channels, labelled at full connectivity through
// the quads and through the runs, with slab faces on odd and even planes
// (1, 2, 3 slabs and one per unit) under 1 and 2 workers: both equal to
// the flood fill pixel for pixel, into Label32 (painted from the masks,
// with the AVX-512 kernel and without) and Label16 (painted from the
// runs), and Count and sizes (the runs read back) agree with it. The
// volumes are labelled one after another, so the pooled quad buffers
// (takeQuadBuf) come back resized from a smaller or larger volume.
func TestQuadsMatchRunsAndFloodFill(t *testing.T) {
	defer func(n int, q, p bool) { slabCount, quadsOn, paintMaskAVX512 = n, q, p }(slabCount, quadsOn, paintMaskAVX512)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	wides := []bool{false}
	if paintMaskAVX512 {
		wides = append(wides, true)
	}
	rng := rand.New(rand.NewPCG(3, 5))
	var sizes [][3]int
	for sz := 1; sz <= 9; sz++ {
		for sy := 1; sy <= 9; sy++ {
			for sx := 1; sx <= 9; sx++ {
				sizes = append(sizes, [3]int{sx, sy, sz})
			}
		}
	}
	// Rows of one to three mask words: clusters, faces and touches
	// across the words' edges.
	for _, sx := range []int{63, 64, 65, 127, 128, 130} {
		for _, sy := range []int{3, 4} {
			sizes = append(sizes, [3]int{sx, sy, 5}, [3]int{sx, sy + 2, 4})
		}
	}
	for _, size := range sizes {
		sx, sy, sz := size[0], size[1], size[2]
		nc := 1 + (sx+sy+sz)%3/2 // two channels for a third of the sizes
		d := 0.1 + 0.2*float64((sx*sy+sz)%5)
		g := gips.GeometryMultiChannel3d(gips.Binary, sx, sy, sz, nc)
		if nc == 1 {
			g = gips.Geometry3d(gips.Binary, sx, sy, sz)
		}
		img, err := gips.CreateImage(g)
		if err != nil {
			t.Fatal(err)
		}
		var want []uint32
		off := uint32(0)
		for c := range nc {
			pix := make([]uint8, sx*sy*sz)
			for i := range pix {
				if rng.Float64() < d {
					pix[i] = 1
				}
			}
			for z := range sz {
				for y := range sy {
					copy(img.Row(c*sz+z, y), pix[(z*sy+y)*sx:])
				}
			}
			lab := floodLabel(pix, sx, sy, sz, 0, true)
			top := off
			for i, v := range lab {
				if v != 0 {
					lab[i] = v + off
					top = max(top, v+off)
				}
			}
			want, off = append(want, lab...), top
		}
		name := fmt.Sprintf("%dx%dx%d c%d d%.1f", sx, sy, sz, nc, d)
		checkQuads(t, name, img, want, int(off), wides)

	}
}

// checkQuads labels img both ways under every slab split, worker count
// and paint, against want (n components).
func checkQuads(t *testing.T, name string, img *gips.Image, want []uint32, n int, wides []bool) {
	t.Helper()
	g := img.Geometry()
	size := make([]int64, n+1)
	for _, v := range want {
		size[v]++
	}
	for _, w := range []int{1, 2} {
		runtime.GOMAXPROCS(w)
		for _, ns := range []int{1, 2, 3, 1 << 20} {
			slabCount = ns
			for _, quads := range []bool{true, false} {
				quadsOn = quads
				tag := fmt.Sprintf("%s workers %d slabs %d quads %v", name, w, ns, quads)
				f, err := build(img, gips.Full, true)
				if err != nil {
					t.Fatalf("%s: %v", tag, err)
				}
				if (f.quad != nil) != quads {
					t.Fatalf("%s: quad forest %v", tag, f.quad != nil)
				}
				if f.n != n {
					t.Errorf("%s: %d components, flood fill %d", tag, f.n, n)
				}
				got := f.sizes()
				for i := 1; i <= n; i++ { // sizes leaves the background out
					if got[i] != size[i] {
						t.Errorf("%s: label %d has %d pixels, flood fill %d", tag, i, got[i], size[i])
						break
					}
				}
				f.release()
				for _, ot := range []gips.BufferType{gips.Label32, gips.Label16} {
					for _, wide := range wides {
						paintMaskAVX512 = wide
						out, _, err := Components(img, gips.Full, WithOutput(ot))
						if err != nil {
							t.Fatalf("%s: %v", tag, err)
						}
						compareLabels(t, fmt.Sprintf("%s %v wide %v", tag, ot, wide), g, want, labelRows(out))
					}
				}
			}
		}
	}
}

// labelRows reads the rows of a Label16 or Label32 image as uint32s.
func labelRows(out *gips.Image) func(p, y int) []uint32 {
	if p32, err := gips.Planes[uint32](out); err == nil {
		return func(p, y int) []uint32 { return p32[p].Row(y) }
	}
	p16, _ := gips.Planes[uint16](out)
	return func(p, y int) []uint32 {
		r := p16[p].Row(y)
		u := make([]uint32, len(r))
		for i, v := range r {
			u[i] = uint32(v)
		}
		return u
	}
}

// compareLabels reports the first pixel whose label (row(plane, y)) is not
// want's.
func compareLabels(t *testing.T, name string, g gips.Geometry, want []uint32, row func(p, y int) []uint32) {
	t.Helper()
	for p := range g.Planes() {
		for y := range g.SizeY {
			for x, v := range row(p, y) {
				if wv := want[(p*g.SizeY+y)*g.SizeX+x]; v != wv {
					t.Errorf("%s: pixel (%d,%d) of plane %d label %d, flood fill %d", name, x, y, p, v, wv)
					return
				}
			}
		}
	}
}

// TestQuadScanAgainstColumns: step's cluster starts, ends and the ends of
// the clusters without a voxel of a, a|b, a|b|c, against a column scan, on
// random masks of two words (clusters across the word boundary and up to
// the last bit).
func TestQuadScanAgainstColumns(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 4))
	for it := range 2000 {
		var m [4][3]uint64 // a, b, c, d; the third word stays empty (ends past the last column)
		d := []float64{0.05, 0.2, 0.5, 0.8}[it%4]
		for i := range 4 {
			for x := range 128 {
				if rng.Float64() < d {
					m[i][x/64] |= 1 << (x % 64)
				}
			}
		}
		var s quadScan
		var st, e [3]uint64
		var n [3][3]uint64
		for w := range 3 {
			st[w], e[w], n[0][w], n[1][w], n[2][w] = s.step(m[0][w], m[1][w], m[2][w], m[3][w])
		}
		bit := func(v [3]uint64, x int) bool { return v[x/64]>>(x%64)&1 != 0 }
		col := func(x int) (on bool, first int) {
			for i := range 4 {
				if bit(m[i], x) {
					return true, i
				}
			}
			return false, 4
		}
		owner := 4 // the first row holding a voxel of the cluster in progress
		for x := range 192 {
			on, fi := col(x)
			prev, _ := col(max(x-1, 0))
			prev = prev && x > 0
			if bit(st, x) != (on && !prev) {
				t.Fatalf("iteration %d: column %d start %v", it, x, bit(st, x))
			}
			if on && !prev {
				owner = 4
			}
			if on {
				owner = min(owner, fi)
			}
			if bit(e, x) != (!on && prev) {
				t.Fatalf("iteration %d: column %d end %v", it, x, bit(e, x))
			}
			for k := range 3 {
				if w := !on && prev && owner > k; bit(n[k], x) != w {
					t.Fatalf("iteration %d: column %d: without rows 0..%d %v, want %v (owner %d)", it, x, k, bit(n[k], x), w, owner)
				}
			}
		}
	}
}

// TestQuadsJoinEveryNeighbourPair: two voxels, 26-neighbours, anywhere in
// a few columns around the mask words' edges (x 62..65, 126..129) of
// volumes whose quads are whole or cut (even and odd sizes), and under
// one slab or a slab per unit: one component every time. Random volumes
// seldom hang a component on one diagonal pair across a word's edge.
func TestQuadsJoinEveryNeighbourPair(t *testing.T) {
	defer func(n int) { slabCount = n }(slabCount)
	for _, s := range [][3]int{{66, 4, 4}, {130, 5, 5}} {
		sx, sy, sz := s[0], s[1], s[2]
		img, err := gips.CreateImage(gips.Geometry3d(gips.Binary, sx, sy, sz))
		if err != nil {
			t.Fatal(err)
		}
		set := func(x, y, z int, v uint8) { img.Row(z, y)[x] = v }
		for _, ns := range []int{1, 1 << 20} {
			slabCount = ns
			for z := range sz {
				for y := range sy {
					for x := 62; x < sx; x++ {
						if x > 65 && x < 126 {
							continue
						}
						for _, o := range [][3]int{{1, 0, 0}, {-1, 1, 0}, {0, 1, 0}, {1, 1, 0}, {-1, -1, 1}, {0, -1, 1}, {1, -1, 1},
							{-1, 0, 1}, {0, 0, 1}, {1, 0, 1}, {-1, 1, 1}, {0, 1, 1}, {1, 1, 1}} {
							u, v, w := x+o[0], y+o[1], z+o[2]
							if u < 0 || u >= sx || v < 0 || v >= sy || w >= sz {
								continue
							}
							set(x, y, z, 1)
							set(u, v, w, 1)
							if n, err := Count(img, gips.Full); n != 1 || err != nil {
								t.Errorf("%v slabs %d: voxels (%d,%d,%d) and (%d,%d,%d): %d components (%v)", s, ns, x, y, z, u, v, w, n, err)
							}
							set(x, y, z, 0)
							set(u, v, w, 0)
						}
					}
				}
			}
		}
	}
}
