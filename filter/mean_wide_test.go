package filter

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// roundMean is S/N rounded half away from zero, in integers.
func roundMean(s, n int64) int64 {
	if s < 0 {
		return -((-2*s + n) / (2 * n))
	}
	return (2*s + n) / (2 * n)
}

// TestWideDivRoundsEverySum: for box volumes N across 2 ... 65536, the
// stored mean of a sum (in offset binary for Int16) is the exact mean
// rounded half away from zero, by quot and by the vector store: every sum
// for small N, the sums around each multiple and half-multiple of N and
// random ones beyond. Every N up to 46621 (a 215² box) has a divisor;
// about a quarter of the larger N have none, and take the float path.
func TestWideDivRoundsEverySum(t *testing.T) {
	missing := 0
	for n := 2; n <= 1<<16; n++ {
		if _, ok := newWideDiv(n, false); !ok {
			if n <= 46621 {
				t.Fatalf("N=%d: no divisor", n)
			}
			missing++
		}
	}
	t.Logf("%d box volumes up to 65536 have no divisor", missing)
	rng := rand.New(rand.NewPCG(5, 16))
	ns := []int{2, 3, 4, 5, 6, 7, 9, 12, 25, 49, 64, 100, 121, 255, 256, 625, 1000, 4095, 4096, 9801, 32767, 32768, 65535, 65536}
	for range 40 {
		ns = append(ns, 2+rng.IntN(1<<16-1))
	}
	for _, n := range ns {
		top := int64(65535 * n)
		var sums []uint32
		if n <= 32 {
			for s := range top + 1 {
				sums = append(sums, uint32(s))
			}
		} else {
			for q := int64(0); q <= 65535; q += 1 + int64(rng.IntN(97)) {
				for _, s := range []int64{q * int64(n), q*int64(n) + int64(n/2)} {
					for d := int64(-2); d <= 2; d++ {
						if s+d >= 0 && s+d <= top {
							sums = append(sums, uint32(s+d))
						}
					}
				}
			}
			for range 5000 {
				sums = append(sums, uint32(rng.Int64N(top+1)))
			}
		}
		for _, signed := range []bool{false, true} {
			d, ok := newWideDiv(n, signed)
			if !ok {
				continue
			}
			vec := make([]uint16, len(sums))
			wideStore(vec, sums, d)
			for i, s := range sums {
				want := roundMean(int64(s), int64(n))
				got := int64(d.quot(s))
				if signed {
					want = roundMean(int64(s)-32768*int64(n), int64(n))
					got = int64(int16(d.quot(s)))
				}
				if got != want || d.quot(s) != vec[i] {
					t.Fatalf("N %d signed %v sum %d: quot %d (vector %d), want %d", n, signed, s, got, vec[i], want)
				}
			}
		}
	}
}

// bruteMean16 is the box mean of a UInt16 or Int16 image by definition:
// every pixel's box summed in int64 through the border mode, rounded.
func bruteMean16(t *testing.T, img *gips.Image, size [3]int, m Mode, cval int64) []int64 {
	g := img.Geometry()
	sp, err := planes16(img, false)
	if err != nil {
		t.Fatal(err)
	}
	signed := img.Type() == gips.Int16
	val := func(v uint16) int64 {
		if signed {
			return int64(int16(v))
		}
		return int64(v)
	}
	nz, sz := 1, 1
	if g.Volume {
		nz, sz = g.SizeZ, size[2]
	}
	w, h := g.SizeX, g.SizeY
	n := int64(size[0] * size[1] * sz)
	var out []int64
	for v := 0; v < len(sp)/nz; v++ {
		for z := range nz {
			for y := range h {
				for x := range w {
					var s int64
					for dz := -(sz / 2); dz < sz-sz/2; dz++ {
						for dy := -(size[1] / 2); dy < size[1]-size[1]/2; dy++ {
							for dx := -(size[0] / 2); dx < size[0]-size[0]/2; dx++ {
								zz, ok1 := inside(z+dz, nz, m)
								yy, ok2 := inside(y+dy, h, m)
								xx, ok3 := inside(x+dx, w, m)
								if ok1 && ok2 && ok3 {
									s += val(sp[v*nz+zz].Row(yy)[xx])
								} else {
									s += cval
								}
							}
						}
					}
					out = append(out, roundMean(s, n))
				}
			}
		}
	}
	return out
}

// TestMeanWideMatchesBruteForce: the 16-bit box mean equals the brute
// force and the float path (run directly) on random, extreme and flat
// images, 2D and 3D (in many slabs), widths across the vector sizes, odd,
// even and image-wide boxes, every mode and Constant values.
func TestMeanWideMatchesBruteForce(t *testing.T) {
	defer func(r int) { wideSlabRowsMax = r }(wideSlabRowsMax)
	wideSlabRowsMax = 3
	rng := rand.New(rand.NewPCG(16, 22))
	type shape struct{ w, h, d int }
	shapes := []shape{{21, 9, 0}, {1, 5, 0}, {17, 1, 0}, {40, 3, 0}, {9, 7, 5}, {12, 5, 1}, {3, 4, 9}}
	boxes := [][3]int{{3, 3, 3}, {5, 5, 1}, {2, 2, 2}, {4, 1, 3}, {1, 6, 1}, {17, 3, 1}, {25, 1, 2}, {7, 9, 11}, {40, 40, 1}, {1, 200, 1}, {300, 2, 1}}
	for _, bt := range []gips.BufferType{gips.UInt16, gips.Int16} {
		lo, hi := bt.Range()
		for _, sh := range shapes {
			g := gips.Geometry2d(bt, sh.w, sh.h)
			if sh.d > 0 {
				g = gips.Geometry3d(bt, sh.w, sh.h, sh.d)
			}
			for kind := range 3 {
				img, _ := gips.CreateImage(g)
				ps, _ := planes16(img, true)
				for _, p := range ps {
					for y := range p.Height {
						row := p.Row(y)
						for x := range row {
							v := int64(rng.IntN(65536))
							switch kind {
							case 1:
								v = 65535 * int64(rng.IntN(2))
							case 2:
								v = 65535
							}
							row[x] = uint16(v + int64(lo)) // the type's value v + lo
						}
					}
				}
				for _, b := range boxes {
					if b[0]*b[1]*max(1, b[2]*min(sh.d, 1)) > 1<<16 {
						continue
					}
					for _, m := range modes {
						for _, cval := range []float64{0, lo, hi, 7} {
							if cval != 0 && m != Constant {
								continue
							}
							name := fmt.Sprintf("%v %v kind %d box %v %v cval %v", bt, sh, kind, b, m, cval)
							c := collect([]Option{WithMode(m), WithCval(cval)})
							got, _ := gips.CreateImage(g)
							if done, err := meanWide(got, img, b, c); err != nil || !done {
								t.Fatalf("%s: 16-bit path %v, %v", name, done, err)
							}
							flt, _ := gips.CreateImage(g)
							if err := run(meanJob[float64](flt, img, b, c)); err != nil {
								t.Fatal(err)
							}
							want := bruteMean16(t, img, b, m, int64(cval))
							gv, fv := bruteMean16(t, got, [3]int{1, 1, 1}, m, 0), bruteMean16(t, flt, [3]int{1, 1, 1}, m, 0)
							for i := range want {
								if gv[i] != want[i] || fv[i] != want[i] {
									t.Fatalf("%s: pixel %d: 16-bit path %d, float path %d, brute force %d", name, i, gv[i], fv[i], want[i])
								}
							}
						}
					}
				}
			}
		}
	}
}

// TestWideSIMDMatchesGo: the vector widening, row sums and stores equal
// the Go loops for every length 0 ... 40 and boxes 1 ... 20 wide.
func TestWideSIMDMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 33))
	d, _ := newWideDiv(25, true)
	for n := 0; n <= 40; n++ {
		src := make([]uint16, n)
		for i := range src {
			src[i] = uint16(rng.IntN(65536))
		}
		wide := make([]uint32, n)
		wideWiden(wide, src, 0x8000)
		for i := range src {
			if wide[i] != uint32(src[i]^0x8000) {
				t.Fatalf("widen n %d [%d]: %d", n, i, wide[i])
			}
		}
		for _, sx := range []int{1, 2, 5, 16, 17, 20} {
			ext := make([]uint32, n+sx-1)
			for i := range ext {
				ext[i] = uint32(rng.IntN(65536))
			}
			got := make([]uint32, n)
			wideRowSum(got, ext, sx)
			for i := range got {
				var want uint32
				for _, v := range ext[i : i+sx] {
					want += v
				}
				if got[i] != want {
					t.Fatalf("row sum n %d sx %d [%d]: %d, want %d", n, sx, i, got[i], want)
				}
			}
		}
		acc, add, sub := make([]uint32, n), make([]uint32, n), make([]uint32, n)
		for i := range acc {
			acc[i], add[i], sub[i] = rng.Uint32(), rng.Uint32(), rng.Uint32()
		}
		want := append([]uint32(nil), acc...)
		wideAddSub(acc, add, sub)
		out := make([]uint16, n)
		wideStore(out, acc, d)
		for i := range acc {
			w := want[i] + add[i] - sub[i]
			if acc[i] != w || (w <= 65535*25 && out[i] != d.quot(w)) {
				t.Fatalf("add-sub/store n %d [%d]: %d -> %d, want %d -> %d", n, i, acc[i], out[i], w, d.quot(w))
			}
		}
	}
}
