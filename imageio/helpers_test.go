package imageio

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// randomImage fills a new image with seeded random values across the
// type's range (finite values for floats, 0/1 for Binary).
func randomImage(t testing.TB, g gips.Geometry, seed uint64) *gips.Image {
	t.Helper()
	img, err := gips.CreateImage(g)
	if err != nil {
		t.Fatal(err)
	}
	a, err := img.Array()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(seed, 7))
	lo, hi := g.Type.Range()
	if g.Type.IsFloat() {
		lo, hi = -1e6, 1e6
	}
	for i := range a.Size() {
		v := lo + r.Float64()*(hi-lo)
		if !g.Type.IsFloat() {
			v = float64(int64(v))
		}
		if g.Type == gips.Binary {
			v = float64(r.IntN(2))
		}
		a.Put(v, unravel(i, a.Shape)...)
	}
	return img
}

func unravel(i int, shape []int) []int {
	idx := make([]int, len(shape))
	for k := len(shape) - 1; k >= 0; k-- {
		idx[k] = i % shape[k]
		i /= shape[k]
	}
	return idx
}

// sameImage compares geometry and every row of two images.
func sameImage(t *testing.T, got, want *gips.Image) {
	t.Helper()
	if got.Geometry() != want.Geometry() {
		t.Fatalf("geometry %v, want %v", got.Geometry(), want.Geometry())
	}
	for i := range want.NumPlanes() {
		for y := range want.SizeY() {
			if string(got.Row(i, y)) != string(want.Row(i, y)) {
				t.Fatalf("plane %d row %d:\n got % x\nwant % x", i, y, got.Row(i, y), want.Row(i, y))
			}
		}
	}
}

// imageArray is the image's pixels as a C-contiguous array in gips order,
// for handing to the reference.
func imageArray(t *testing.T, img *gips.Image) gips.Array {
	t.Helper()
	c, err := gips.Copy(img)
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Array()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func pathArray(p string) gips.Array { return gips.ArrayOf([]byte(p), len(p)) }

func byteOrderOf(numpyOrder string) binary.ByteOrder {
	if numpyOrder == ">" {
		return binary.BigEndian
	}
	return binary.LittleEndian
}
