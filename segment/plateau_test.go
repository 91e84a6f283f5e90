package segment

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testref"
)

// TestPlateauMarkersMatchSkimage: thousands of small 8-bit images of three
// grey levels whose markers are plateaus (boxes of one label and one value,
// several boxes per label, boxes of other labels on the same values), so
// that many markers of one label tie at one level while markers of other
// labels tie with them or not: at face and full connectivity, pixel for
// pixel skimage.segmentation.watershed. (Ties between markers of one label
// are broken in raster order once no two labels tie: this is the proof by
// example that it cannot change the result.)
func TestPlateauMarkersMatchSkimage(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	const n, sx, sy, sz = 2000, 7, 6, 5
	g := gips.Geometry3d(gips.UInt8, sx, sy, sz)
	vox := sx * sy * sz
	vals := make([]float64, n*vox)
	labs := make([]float64, n*vox)
	for k := range n {
		v, m := vals[k*vox:(k+1)*vox], labs[k*vox:(k+1)*vox]
		for i := range v {
			v[i] = float64(rng.IntN(3))
		}
		nlab := 1 + rng.IntN(3)
		for range 2 + rng.IntN(6) {
			lab, lev := float64(1+rng.IntN(nlab)), float64(rng.IntN(3))
			x0, y0, z0 := rng.IntN(sx), rng.IntN(sy), rng.IntN(sz)
			for z := z0; z < min(sz, z0+1+rng.IntN(3)); z++ {
				for y := y0; y < min(sy, y0+1+rng.IntN(3)); y++ {
					for x := x0; x < min(sx, x0+1+rng.IntN(3)); x++ {
						i := (z*sy+y)*sx + x
						v[i], m[i] = lev, lab
					}
				}
			}
		}
	}
	inp := map[string]gips.Array{"img": gips.ArrayOf(vals, n, sz, sy, sx), "mk": gips.ArrayOf(labs, n, sz, sy, sx)}
	ref := testref.Run(t, `
import skimage.segmentation as sks
im, mk = inp['img'].astype(np.uint8), inp['mk'].astype(np.int32)
for c in (1, 3):
    out['c%d' % c] = np.stack([sks.watershed(a, m, connectivity=c) for a, m in zip(im, mk)]).astype(np.int32)
`, inp)
	for _, c := range []gips.Connectivity{1, 3} {
		want := ref[fmt.Sprint("c", c)]
		wd := want.Data
		for k := range n {
			img := build(t, g, vals[k*vox:(k+1)*vox], gips.UInt8)
			mk := build(t, g, labs[k*vox:(k+1)*vox], gips.Int32)
			for _, keyHeap := range []bool{false, true} {
				out, err := Watershed(img, mk, WithConnectivity(c), func(cf *config) { cf.keyHeap = keyHeap })
				if err != nil {
					t.Fatal(err)
				}
				got := values(t, out)
				for i, gv := range got {
					o := 4 * (k*vox + i)
					w := int32(uint32(wd[o]) | uint32(wd[o+1])<<8 | uint32(wd[o+2])<<16 | uint32(wd[o+3])<<24)
					if int32(gv) != w {
						t.Fatalf("case %d, connectivity %d, keyHeap %v: voxel %d is %v, skimage %d", k, c, keyHeap, i, gv, w)
					}
				}
			}
		}
	}
}
