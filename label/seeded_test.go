package label

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/gipsdev/gips"
)

// seededImage is a Binary or UInt8 image of a flood case's sizes holding
// pix.
func seededImage(t *testing.T, bt gips.BufferType, fc floodCase, pix []uint8) *gips.Image {
	t.Helper()
	g := gips.Geometry2d(bt, fc.sx, fc.sy)
	if fc.sz > 1 {
		g = gips.Geometry3d(bt, fc.sx, fc.sy, fc.sz)
	}
	img, err := gips.CreateImage(g)
	if err != nil {
		t.Fatal(err)
	}
	for z := range fc.sz {
		for y := range fc.sy {
			copy(img.Row(z, y), pix[(z*fc.sy+y)*fc.sx:])
		}
	}
	return img
}

// TestKeepSeededMatchesFloodFill: the components of random masks, blobs
// and one-pixel axes (any nonzero value is foreground) that hold a seed,
// at every connectivity, seeds sparse to dense and partly outside the
// mask, with slab faces in many places, under 1 and 2 workers, with and
// without the quad forest, and in place (dst the mask), equal pixel for
// pixel to the flood fill's components that hold a seed.
func TestKeepSeededMatchesFloodFill(t *testing.T) {
	defer func(n int) { slabCount = n }(slabCount)
	defer func(on bool) { quadsOn = on }(quadsOn)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(5, 17))
	for _, fc := range floodCases(rng) {
		maxConn := 2
		if fc.sz > 1 {
			maxConn = 3
		}
		for _, d := range []float64{0.01, 0.1, 0.5} {
			seedPix := make([]uint8, len(fc.pix))
			for i := range seedPix {
				if rng.Float64() < d {
					seedPix[i] = 1
				}
			}
			seeds := seededImage(t, gips.Binary, fc, seedPix)
			for c := 0; c <= maxConn; c++ {
				lab := floodLabel(fc.pix, fc.sx, fc.sy, fc.sz, c, true)
				kept := map[uint32]bool{}
				for i, l := range lab {
					if l != 0 && seedPix[i] != 0 {
						kept[l] = true
					}
				}
				for _, bt := range []gips.BufferType{gips.Binary, gips.UInt8} {
					for _, w := range []int{1, 2} {
						runtime.GOMAXPROCS(w)
						for _, ns := range []int{0, 3, 1 << 20} {
							slabCount = ns
							for _, quads := range []bool{true, false} {
								quadsOn = quads
								name := fmt.Sprintf("%s seeds %.2f %v conn %d workers %d slabs %d quads %v", fc.name, d, bt, c, w, ns, quads)
								mask := seededImage(t, bt, fc, fc.pix)
								out, err := KeepSeeded(mask, seeds, gips.Connectivity(c))
								if err != nil {
									t.Fatalf("%s: %v", name, err)
								}
								if err := KeepSeededInto(mask, mask, seeds, gips.Connectivity(c)); err != nil {
									t.Fatalf("%s in place: %v", name, err)
								}
								for z := range fc.sz {
									for y := range fc.sy {
										for x, v := range out.Row(z, y) {
											i := (z*fc.sy+y)*fc.sx + x
											want := uint8(0)
											if kept[lab[i]] {
												want = 1
											}
											if v != want || mask.Row(z, y)[x] != want {
												t.Fatalf("%s: pixel (%d,%d,%d) = %d (in place %d), flood fill %d",
													name, x, y, z, v, mask.Row(z, y)[x], want)
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
	}
}

// TestKeepSeededBadInput: seeds of another size or type, a destination of
// another type, a float mask: errors that say so.
func TestKeepSeededBadInput(t *testing.T) {
	mk := func(bt gips.BufferType, w, h int) *gips.Image {
		img, err := gips.CreateImage(gips.Geometry2d(bt, w, h))
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	mask := mk(gips.Binary, 8, 6)
	if _, err := KeepSeeded(mask, mk(gips.Binary, 8, 5), gips.Conn4); !errors.Is(err, gips.ErrShape) {
		t.Errorf("seeds 8x5 for a mask 8x6: %v, want ErrShape", err)
	}
	if _, err := KeepSeeded(mask, mk(gips.UInt16, 8, 6), gips.Conn4); !errors.Is(err, gips.ErrBufferType) {
		t.Errorf("UInt16 seeds: %v, want ErrBufferType", err)
	}
	if err := KeepSeededInto(mk(gips.UInt16, 8, 6), mask, mk(gips.Binary, 8, 6), gips.Conn4); !errors.Is(err, gips.ErrBufferType) {
		t.Errorf("UInt16 destination: %v, want ErrBufferType", err)
	}
	if _, err := KeepSeeded(mk(gips.Real32, 8, 6), mk(gips.Binary, 8, 6), gips.Conn4); !errors.Is(err, gips.ErrBufferType) {
		t.Errorf("Real32 mask: %v, want ErrBufferType", err)
	}
}

// TestAnySet checks the word-at-a-time scan against a byte loop: every
// length to 40, every position of a single set byte, at every offset
// into the slice's first word.
func TestAnySet(t *testing.T) {
	buf := make([]uint8, 48)
	for off := range 8 {
		for n := 0; n+off <= 48 && n <= 40; n++ {
			b := buf[off : off+n]
			if anySet(b) {
				t.Fatalf("anySet of %d zeros at offset %d: true", n, off)
			}
			for i := range b {
				b[i] = 0x80
				if !anySet(b) {
					t.Fatalf("anySet of %d bytes, byte %d set, offset %d: false", n, i, off)
				}
				b[i] = 0
			}
		}
	}
}
