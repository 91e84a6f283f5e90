package segment

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// TestParallelLoadStoreEqualSerial: volumes large enough that the load,
// the level histogram and the store run on two workers give, in each cell
// layout (a 16-bit image's compact cells, past histParallel; a float
// image's full ones) and with a mask, the labels of the same call on one
// worker.
func TestParallelLoadStoreEqualSerial(t *testing.T) {
	if testing.Short() {
		t.Skip("a 4.1 M voxel volume")
	}
	was := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(was)
	for _, c := range []struct {
		t          gips.BufferType
		sx, sy, sz int
	}{{gips.UInt16, 161, 160, 160}, {gips.Real32, 101, 97, 64}} {
		img, mk, mask := parallelInput(c.t, c.sx, c.sy, c.sz)
		for _, withMask := range []bool{false, true} {
			// raster ties: the flood is not what is tested, and the
			// exact heap on 2000 markers of random levels is slow
			opts := []Option{WithConnectivity(1), WithExactTies(false)}
			if withMask {
				opts = append(opts, WithMask(mask))
			}
			runtime.GOMAXPROCS(1)
			serial, err := Watershed(img, mk, opts...)
			if err != nil {
				t.Fatal(err)
			}
			runtime.GOMAXPROCS(2)
			parallel, err := Watershed(img, mk, opts...)
			if err != nil {
				t.Fatal(err)
			}
			sa, _ := serial.Array()
			pa, _ := parallel.Array()
			imgtest.Equal(t, fmt.Sprint(c.t, " mask ", withMask), pa, sa)
		}
	}
}

// parallelInput is a smooth image of type t (a float one: smooth's 16-bit
// values over 7), 2000 scattered markers and a mask of diagonal holes.
func parallelInput(t gips.BufferType, sx, sy, sz int) (img, mk, mask *gips.Image) {
	img = smooth(gips.UInt16, sx, sy, sz)
	g := img.Geometry()
	if t == gips.Real32 {
		f32, _ := gips.CreateImage(g.WithType(gips.Real32))
		src, _ := gips.Planes[uint16](img)
		dst, _ := gips.WritablePlanes[float32](f32)
		for z := range sz {
			for y := range sy {
				for x, v := range src[z].Row(y) {
					dst[z].Row(y)[x] = float32(v) / 7
				}
			}
		}
		img = f32
	}
	mk, _ = gips.CreateImage(g.WithType(gips.Int32))
	mask, _ = gips.CreateImage(g.WithType(gips.Binary))
	for z := range sz {
		for y := range sy {
			m := mask.Row(z, y)
			for x := range m {
				m[x] = uint8(min(1, (x+3*y+5*z)%11))
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for k := range 2000 {
		mp, _ := gips.PlaneAt[int32](mk, rng.IntN(sz), 0, 0)
		mp.Row(rng.IntN(sy))[rng.IntN(sx)] = int32(k + 1)
	}
	return img, mk, mask
}
