package label

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// floodLabel is an independent labeller: a flood fill started at every
// unlabelled foreground pixel in raster order (so components are numbered
// by their first pixel), reaching the neighbours whose offsets have at
// most conn nonzero coordinates (conn 0: all). binary: nonzero pixels are
// one foreground; otherwise neighbours join when their values are equal.
func floodLabel(pix []uint8, sx, sy, sz int, conn int, binary bool) []uint32 {
	nd := 2
	if sz > 1 {
		nd = 3
	}
	if conn == 0 {
		conn = nd
	}
	var offs [][3]int
	for dz := -1; dz <= 1; dz++ {
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				k := abs(dx) + abs(dy) + abs(dz)
				if k > 0 && k <= conn {
					offs = append(offs, [3]int{dx, dy, dz})
				}
			}
		}
	}
	lab := make([]uint32, len(pix))
	n := uint32(0)
	var stack []int
	for i, v := range pix {
		if v == 0 || lab[i] != 0 {
			continue
		}
		n++
		lab[i] = n
		stack = append(stack[:0], i)
		for len(stack) > 0 {
			j := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y, z := j%sx, j/sx%sy, j/(sx*sy)
			for _, o := range offs {
				u, w, q := x+o[0], y+o[1], z+o[2]
				if u < 0 || u >= sx || w < 0 || w >= sy || q < 0 || q >= sz {
					continue
				}
				k := (q*sy+w)*sx + u
				if pix[k] == 0 || lab[k] != 0 || (!binary && pix[k] != pix[j]) {
					continue
				}
				lab[k] = n
				stack = append(stack, k)
			}
		}
	}
	return lab
}

func abs(v int) int { return max(v, -v) }

// floodCase is one image for TestComponentsMatchFloodFill.
type floodCase struct {
	name       string
	sx, sy, sz int
	pix        []uint8
}

func floodCases(rng *rand.Rand) []floodCase {
	var cs []floodCase
	shapes := [][3]int{{1, 1, 1}, {1, 40, 1}, {40, 1, 1}, {37, 23, 1}, {130, 9, 1},
		{1, 1, 30}, {30, 1, 1}, {1, 30, 1}, {1, 7, 9}, {7, 1, 9}, {13, 11, 9}, {70, 6, 5}}
	for _, s := range shapes {
		for _, d := range []float64{0.1, 0.3, 0.5, 0.7, 0.9} {
			pix := make([]uint8, s[0]*s[1]*s[2])
			for i := range pix {
				if rng.Float64() < d {
					pix[i] = uint8(1 + rng.IntN(3)) // 1..3: several values for the non-binary runs
				}
			}
			cs = append(cs, floodCase{fmt.Sprintf("%dx%dx%d_d%.1f", s[0], s[1], s[2], d), s[0], s[1], s[2], pix})
		}
	}
	for _, s := range [][3]int{{150, 90, 1}, {80, 60, 20}} {
		b := imgtest.Blobs(s[0], s[1], s[2], s[2] > 1)
		pix := make([]uint8, 0, s[0]*s[1]*s[2])
		for z := range s[2] {
			for y := range s[1] {
				pix = append(pix, b.Row(z, y)...)
			}
		}
		cs = append(cs, floodCase{fmt.Sprintf("blobs%dx%dx%d", s[0], s[1], s[2]), s[0], s[1], s[2], pix})
	}
	return cs
}

// TestComponentsMatchFloodFill: Binary and UInt8 (equal values join)
// images of random densities 0.1..0.9, blobs and one-pixel axes, at every
// connectivity, with slab faces in many places (one slab, the default, 2,
// 3, 7, one per row) under 1, 2 and 3 workers, equal pixel for pixel to
// the flood fill, and Count equal to its number of components.
func TestComponentsMatchFloodFill(t *testing.T) {
	defer func(n int) { slabCount = n }(slabCount)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(7, 11))
	for _, fc := range floodCases(rng) {
		for _, bt := range []gips.BufferType{gips.Binary, gips.UInt8} {
			g := gips.Geometry2d(bt, fc.sx, fc.sy)
			maxConn := 2
			if fc.sz > 1 {
				g, maxConn = gips.Geometry3d(bt, fc.sx, fc.sy, fc.sz), 3
			}
			img, err := gips.CreateImage(g)
			if err != nil {
				t.Fatal(err)
			}
			for z := range fc.sz {
				for y := range fc.sy {
					copy(img.Row(z, y), fc.pix[(z*fc.sy+y)*fc.sx:])
				}
			}
			for c := 0; c <= maxConn; c++ {
				want := floodLabel(fc.pix, fc.sx, fc.sy, fc.sz, c, bt == gips.Binary)
				wn := 0
				for _, v := range want {
					wn = max(wn, int(v))
				}
				for _, w := range []int{1, 2, 3} {
					runtime.GOMAXPROCS(w)
					for _, ns := range []int{1, 0, 2, 3, 7, 1 << 20} {
						slabCount = ns
						name := fmt.Sprintf("%s %v conn %d workers %d slabs %d", fc.name, bt, c, w, ns)
						out, n, err := Components(img, gips.Connectivity(c), WithOutput(gips.Label32))
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						if n != wn {
							t.Errorf("%s: %d components, flood fill %d", name, n, wn)
						}
						if k, err := Count(img, gips.Connectivity(c)); k != wn || err != nil {
							t.Errorf("%s: Count %d (%v), flood fill %d", name, k, err, wn)
						}
						got, err := gips.Planes[uint32](out)
						if err != nil {
							t.Fatal(err)
						}
					cmp:
						for z := range fc.sz {
							for y := range fc.sy {
								for x, v := range got[z].Row(y) {
									if wv := want[(z*fc.sy+y)*fc.sx+x]; v != wv {
										t.Errorf("%s: pixel (%d,%d,%d) label %d, flood fill %d", name, x, y, z, v, wv)
										break cmp
									}
								}
							}
						}
					}
				}
			}
		}
	}
}
