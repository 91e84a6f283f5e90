package stats

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestDenseCountsMatchBruteForce: DenseCounts against a count written
// here, for every 8- and 16-bit integer type (signed ones in value order,
// Binary with every non-zero byte as 1), on 3D images of several planes
// whose rows leave tails after the 16-byte loop, on a view with padded
// rows, into a caller's buffer (which it must clear and reuse) and into
// one too small (a new one); float types are refused.
func TestDenseCountsMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, bt := range []gips.BufferType{gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.Binary, gips.Label8, gips.Label16} {
		t.Run(bt.String(), func(t *testing.T) {
			img, err := gips.CreateImage(gips.Geometry3d(bt, 61, 7, 3))
			if err != nil {
				t.Fatal(err)
			}
			a, _ := img.Array()
			size := bt.ItemSize()
			for i := range a.Data {
				a.Data[i] = byte(rng.IntN(256))
				if i%97 < 20 { // runs of one value
					a.Data[i] = 0x80
				}
			}
			view, err := img.Region2d(2, 1, 50, 5)
			if err != nil {
				t.Fatal(err)
			}
			buf := make([]int64, 1<<16)
			for i := range buf {
				buf[i] = -1 // must be cleared
			}
			for _, im := range []*gips.Image{img, view} {
				want := map[int64]int64{}
				vals := bruteValues(t, im)
				for _, v := range vals {
					want[v]++
				}
				for _, b := range [][]int64{nil, buf, make([]int64, 3)} {
					lo, counts, err := DenseCounts(im, b)
					if err != nil {
						t.Fatal(err)
					}
					tlo, _ := bt.Range()
					if lo != int64(tlo) || len(counts) != 1<<(8*size) {
						t.Fatalf("lo %d, %d counts; want %v, %d", lo, len(counts), tlo, 1<<(8*size))
					}
					if b != nil && cap(b) >= len(counts) && &counts[0] != &b[0] {
						t.Errorf("the buffer was not reused")
					}
					for i, c := range counts {
						if c != want[lo+int64(i)] {
							t.Fatalf("value %d: %d pixels, want %d", lo+int64(i), c, want[lo+int64(i)])
						}
					}
				}
			}
		})
	}
	f, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, 4, 4))
	if _, _, err := DenseCounts(f, nil); !errors.Is(err, gips.ErrBufferType) {
		t.Errorf("Real32: %v, want ErrBufferType", err)
	}
}

// bruteValues reads every pixel of img as an integer, one by one through
// the planes (Binary as 0/1).
func bruteValues(t *testing.T, img *gips.Image) []int64 {
	t.Helper()
	var out []int64
	g := img.Geometry()
	add := func(v int64) {
		if g.Type == gips.Binary && v != 0 {
			v = 1
		}
		out = append(out, v)
	}
	switch g.Type.Storage() {
	case gips.UInt8:
		ps, _ := gips.Planes[uint8](img)
		for _, p := range ps {
			for y := range p.Height {
				for _, v := range p.Row(y) {
					add(int64(v))
				}
			}
		}
	case gips.Int8:
		ps, _ := gips.Planes[int8](img)
		for _, p := range ps {
			for y := range p.Height {
				for _, v := range p.Row(y) {
					add(int64(v))
				}
			}
		}
	case gips.UInt16:
		ps, _ := gips.Planes[uint16](img)
		for _, p := range ps {
			for y := range p.Height {
				for _, v := range p.Row(y) {
					add(int64(v))
				}
			}
		}
	case gips.Int16:
		ps, _ := gips.Planes[int16](img)
		for _, p := range ps {
			for y := range p.Height {
				for _, v := range p.Row(y) {
					add(int64(v))
				}
			}
		}
	default:
		t.Fatalf("type %v", g.Type)
	}
	if len(out) != g.Pixels() {
		t.Fatalf("%d values for %d pixels", len(out), g.Pixels())
	}
	return out
}
