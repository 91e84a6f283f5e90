package transform

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// TestVertical4DoubleU16SIMDMatchesPureGo: the volume row's vector kernels
// give the Go loops' values: the four-row vertical sums (uint8 and uint16
// rows, weights up to the largest newIntLin allows for a volume: 2^5 per
// axis for uint16, 2^7 for uint8) and the doubling
// pattern's middle pairs for uint16 output, at lengths with and without a
// tail.
func TestVertical4DoubleU16SIMDMatchesPureGo(t *testing.T) {
	if vertical4U16 == nil || doubleU16 == nil || vertical4U8 == nil {
		t.Skip("no SIMD volume kernels in this build (build with GOEXPERIMENT=simd on AVX2)")
	}
	rng := rand.New(rand.NewPCG(21, 22))
	for _, nx := range []int{3, 15, 16, 17, 31, 33, 50, 301} {
		var r8 [4][]uint8
		var r16 [4][]uint16
		for i := range 4 {
			r8[i], r16[i] = make([]uint8, nx), make([]uint16, nx)
			for k := range nx {
				r8[i][k], r16[i][k] = uint8(rng.IntN(256)), uint16(rng.IntN(65536))
			}
		}
		// Weights wz·wy with wz, wy summing to 2^b: b = 5 is uint16's
		// largest for a volume ((31-16)/3), b = 7 uint8's.
		for _, b := range []int{1, 2, 5, 7} {
			wz0, wy0 := int32(rng.IntN(1<<b+1)), int32(rng.IntN(1<<b+1))
			wz1, wy1 := int32(1<<b)-wz0, int32(1<<b)-wy0
			w := [4]int32{wz0 * wy0, wz0 * wy1, wz1 * wy0, wz1 * wy1}
			acc := make([]int32, nx)
			if b <= 5 {
				k := vertical4U16(acc, r16[0], r16[1], r16[2], r16[3], w)
				for i := range k {
					want := int32(r16[0][i])*w[0] + int32(r16[1][i])*w[1] + int32(r16[2][i])*w[2] + int32(r16[3][i])*w[3]
					if acc[i] != want {
						t.Fatalf("vertical4U16 nx=%d b=%d [%d]: SIMD %d, Go %d", nx, b, i, acc[i], want)
					}
				}
				if nx >= 16 && k == 0 {
					t.Fatalf("vertical4U16 nx=%d: the vector kernel did nothing", nx)
				}
				checkDoubleU16(t, rng, r16, w, nx, b)
			}
			k := vertical4U8(acc, r8[0], r8[1], r8[2], r8[3], w)
			for i := range k {
				want := int32(r8[0][i])*w[0] + int32(r8[1][i])*w[1] + int32(r8[2][i])*w[2] + int32(r8[3][i])*w[3]
				if acc[i] != want {
					t.Fatalf("vertical4U8 nx=%d b=%d [%d]: SIMD %d, Go %d", nx, b, i, acc[i], want)
				}
			}
		}
	}
}

// checkDoubleU16 compares doubleU16 with the Go formula on the exact
// vertical sums of r with weights w (2^(2b) in all), x weights a, 2^b-a.
func checkDoubleU16(t *testing.T, rng *rand.Rand, r [4][]uint16, w [4]int32, nx, b int) {
	t.Helper()
	acc := make([]int32, nx)
	for i := range acc {
		acc[i] = int32(r[0][i])*w[0] + int32(r[1][i])*w[1] + int32(r[2][i])*w[2] + int32(r[3][i])*w[3]
	}
	a := int32(rng.IntN(1<<b + 1))
	bb := int32(1<<b) - a
	sh := uint(3 * b)
	o := make([]uint16, 2*nx)
	m := doubleU16(o, acc, a, bb, sh)
	half := int32(1) << sh >> 1
	for j := 1; j < m; j++ {
		e := uint16((acc[j-1]*a + acc[j]*bb + half) >> sh)
		od := uint16((acc[j]*bb + acc[j+1]*a + half) >> sh)
		if o[2*j] != e || o[2*j+1] != od {
			t.Fatalf("doubleU16 nx=%d b=%d m=%d: SIMD %d %d, Go %d %d", nx, b, j, o[2*j], o[2*j+1], e, od)
		}
	}
	if nx >= 20 && m == 1 {
		t.Fatalf("doubleU16 nx=%d: the vector kernel did nothing", nx)
	}
}

// TestZoomVolumeWideMatchesScipy: uint16 volumes wide enough for the
// vector kernels of the volume row (vertical4 with a tail, the doubling
// pattern's middle, the halving pattern) zoomed by 2 and by 1/2 in grid
// mode, order 1, give scipy's values bit for bit in every mode, as uint16
// and as float64; with full range samples (65535 included) so that the
// integer sums reach their largest.
func TestZoomVolumeWideMatchesScipy(t *testing.T) {
	for _, c := range []struct {
		f          float64
		nz, ny, nx int
	}{{2, 5, 6, 53}, {0.5, 6, 8, 86}} {
		testZoomVolumeWide(t, c.f, c.nz, c.ny, c.nx)
	}
}

func testZoomVolumeWide(t *testing.T, f float64, nz, ny, nx int) {
	rng := rand.New(rand.NewPCG(23, 24))
	pix := make([]uint16, nz*ny*nx)
	for i := range pix {
		pix[i] = uint16(rng.IntN(65536))
		if rng.IntN(8) == 0 {
			pix[i] = 65535
		}
	}
	a := gips.ArrayOf(pix, nz, ny, nx)
	img, err := gips.FromArray(a)
	if err != nil {
		t.Fatal(err)
	}
	ref := testref.Run(t, fmt.Sprintf(`import scipy.ndimage as ndi
a = inp["a"]
for i, mode in enumerate(%s):
    out[f"t{i}"] = ndi.zoom(a, %v, order=1, mode=mode, cval=3, grid_mode=True)
    out[f"f{i}"] = ndi.zoom(a, %v, order=1, mode=mode, cval=3, grid_mode=True, output=np.float64)
`, pyModes(), f, f), map[string]gips.Array{"a": a})
	for i, md := range allModes {
		for _, o := range []gips.BufferType{gips.UInt16, gips.Real64} {
			z, err := Zoom(img, f, f, f, WithOrder(1), WithMode(md), WithCval(3), WithGridMode(true), WithOutput(o))
			if err != nil {
				t.Fatal(err)
			}
			key := fmt.Sprintf("t%d", i)
			if o == gips.Real64 {
				key = fmt.Sprintf("f%d", i)
			}
			got, want := imgtest.ImageValues(t, z), imgtest.Values(ref[key])
			if len(got) != len(want) {
				t.Fatalf("zoom %v %v as %v: %d values, scipy %d", f, md, o, len(got), len(want))
			}
			for k := range want {
				if got[k] != want[k] {
					t.Fatalf("zoom %v %v as %v: voxel %d: got %v, scipy %v", f, md, o, k, got[k], want[k])
				}
			}
		}
	}
}

// TestHalveRowU16SIMDMatchesPureGo: halve4U16 gives the Go formula's
// outputs (the exact weighted sum of the 8 taps, rounded by the shift),
// at offsets c = 0, 1 and row lengths with and without a tail, with the
// largest weights newIntLin allows for a uint16 volume (2^5 per axis).
func TestHalveRowU16SIMDMatchesPureGo(t *testing.T) {
	if halve4U16 == nil {
		t.Skip("no SIMD halving kernel in this build (build with GOEXPERIMENT=simd on AVX2)")
	}
	rng := rand.New(rand.NewPCG(25, 26))
	for _, nx := range []int{3, 32, 33, 34, 64, 65, 97, 301} {
		var r [4][]uint16
		for i := range r {
			r[i] = make([]uint16, nx)
			for k := range nx {
				r[i][k] = uint16(rng.IntN(65536))
				if rng.IntN(4) == 0 {
					r[i][k] = 65535
				}
			}
		}
		for _, c := range []int{0, 1} {
			for _, b := range []int{1, 2, 5} {
				// Both x taps weigh 1/2 (the pattern), the z and y taps any
				// multiple of 2^-b.
				wz0, wy0, wx := int32(rng.IntN(1<<b+1)), int32(rng.IntN(1<<b+1)), int32(1<<b>>1)
				wz1, wy1 := int32(1<<b)-wz0, int32(1<<b)-wy0
				if b == 1 {
					wz0, wy0, wx, wz1, wy1 = 1, 1, 1, 1, 1 // the zoom by 1/2's weights
				}
				w := [4]int32{wz0 * wy0, wz0 * wy1, wz1 * wy0, wz1 * wy1}
				sh := uint(3 * b)
				n := (nx - c) / 2
				o := make([]uint16, n)
				x := halve4U16(o, r[0], r[1], r[2], r[3], c, w, wx, sh)
				half := int64(1) << sh >> 1
				for i := range x {
					k := c + 2*i
					var s int64
					for j := range 4 {
						s += (int64(r[j][k]) + int64(r[j][k+1])) * int64(w[j]) * int64(wx)
					}
					if want := uint16((s + half) >> sh); o[i] != want {
						t.Fatalf("nx=%d c=%d b=%d [%d]: SIMD %d, Go %d", nx, c, b, i, o[i], want)
					}
				}
				if n >= 16 && x == 0 {
					t.Fatalf("nx=%d c=%d: the vector kernel did nothing", nx, c)
				}
			}
		}
	}
}
