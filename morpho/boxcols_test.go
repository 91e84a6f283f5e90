package morpho

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// TestBoxColsMatchesBruteForce holds the 2D box path of 8 to 56 rows
// (boxcols.go), with the AVX-512 column and row kernels where the build
// and machine have them and with their twins (pixel by pixel, and
// slideRow), to separableBrute: uint8 and uint16, every mode, erosion and
// dilation, odd and even sizes along both axes (x from 1, y about the
// kernel's least and most), rows of one vector exactly, of a few and odd
// (the last step overlaps), heights that end mid-group, and a plane of
// many groups that par splits into chunks (four workers).
func TestBoxColsMatchesBruteForce(t *testing.T) {
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	kernels := map[string]diagKernel{"go": diagGroupGo}
	if colRun != nil {
		kernels["simd"] = colRun
	}
	saved, savedSlide, savedEdge := colRun, slideRun, edgeRun
	defer func() { colRun, slideRun, edgeRun = saved, savedSlide, savedEdge }()
	rng := rand.New(rand.NewPCG(15, 15))
	for _, d := range []nbhd.Dims{{NX: 64, NY: 29, NZ: 1}, {NX: 130, NY: 150, NZ: 1}, {NX: 39, NY: 20, NZ: 1}} {
		u8 := make([]uint8, d.Len())
		u16 := make([]uint16, d.Len())
		for i := range u8 {
			// uniform, with a few extremes: a window's extreme lies at
			// one of its pixels chosen at random, so that a kernel
			// that misses one changes outputs
			u8[i] = []uint8{0, 255, uint8(rng.IntN(256))}[min(2, rng.IntN(100))]
			u16[i] = []uint16{0, 65535, uint16(rng.IntN(65536))}[min(2, rng.IntN(100))]
		}
		for kn, k := range kernels {
			// the x pass by slideRun and edgeRun, and by their twins
			// slideRow and the border table
			for _, slide := range []bool{true, false} {
				colRun, slideRun, edgeRun = k, savedSlide, savedEdge
				if !slide {
					slideRun, edgeRun = nil, nil
				}
				name := fmt.Sprintf("%s slide=%v %v", kn, slide, d)
				boxColsSweep(t, name, d, u8, 7)
				boxColsSweep(t, name, d, u16, 300)
			}
		}
	}
}

func boxColsSweep[T gips.Pixel](t *testing.T, name string, d nbhd.Dims, src []T, cval T) {
	size := [][2]int{{15, 15}, {1, 8}, {2, 9}, {3, 10}, {4, 16}, {5, 12}, {6, 8}, {10, 9}, {14, 13}, {16, 15}, {7, 33}, {3, 56}, {33, 11}}
	for _, sz := range size {
		s := Rect(sz[0], sz[1])
		for _, m := range modes {
			for _, hi := range []bool{false, true} {
				name := fmt.Sprintf("%s %T rect%v %v max=%v", name, src[0], sz, m, hi)
				want := separableBrute(src, d, s, hi, m, cval)
				got := make([]T, len(src))
				posts := make([]int, d.NY)
				post := func(y, z int, row []T) { posts[y]++ }
				ran, err := boxCols(bufView(got, d), bufView(src, d), d, boxWindow(s, hi, d), hi, m, cval, post)
				if err != nil {
					t.Fatal(err)
				}
				wide := d.NX*int(unsafe.Sizeof(cval)) >= 64 // a vector
				if ran != wide {
					t.Fatalf("%s: ran %v, want %v", name, ran, wide)
				}
				if !ran {
					continue
				}
				compare(t, name, got, want)
				for y, c := range posts {
					if c != 1 {
						t.Fatalf("%s: row %d posted %d times", name, y, c)
					}
				}
			}
		}
	}
}
