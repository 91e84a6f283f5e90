package filter

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

func randomU16(rng *rand.Rand, sx, sy, sz int) *gips.Image {
	data := make([]uint16, sx*sy*sz)
	for i := range data {
		data[i] = uint16(rng.IntN(60000))
	}
	img, _ := gips.FromArray(gips.ArrayOf(data, sz, sy, sx))
	return img
}

func equalImages(t *testing.T, what string, a, b *gips.Image) {
	t.Helper()
	for i := 0; i < a.NumPlanes(); i++ {
		for y := 0; y < a.SizeY(); y++ {
			if string(a.Row(i, y)) != string(b.Row(i, y)) {
				t.Fatalf("%s: plane %d row %d differs", what, i, y)
			}
		}
	}
}

// TestInPlaceEqualsNew: filtering an image into itself gives what a new
// output gets (the source is copied first), for both filters, 2D and 3D.
func TestInPlaceEqualsNew(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, sz := range []int{1, 6} {
		img := randomU16(rng, 17, 13, sz)
		want, _ := GaussianXYZ(img, 2, 1, 1.5, WithOutput(gips.UInt16))
		c, _ := gips.Copy(img)
		if err := GaussianInto(c, c, 2, 1, 1.5); err != nil {
			t.Fatal(err)
		}
		equalImages(t, "gaussian in place", c, want)
		want, _ = MeanXYZ(img, 5, 2, 3, WithMode(Wrap))
		c, _ = gips.Copy(img)
		if err := MeanInto(c, c, 5, 2, 3, WithMode(Wrap)); err != nil {
			t.Fatal(err)
		}
		equalImages(t, "mean in place", c, want)
	}
}

// TestErrors: bad parameters and destinations are errors, never panics or
// writes into read-only memory.
func TestErrors(t *testing.T) {
	img := randomU16(rand.New(rand.NewPCG(2, 2)), 8, 5, 1)
	if _, err := Gaussian(img, -1); !errors.Is(err, ErrParam) {
		t.Errorf("negative sigma: %v", err)
	}
	if _, err := Mean(img, 0); !errors.Is(err, ErrParam) {
		t.Errorf("size 0: %v", err)
	}
	if _, err := Gaussian(img, 1, WithOutput(gips.Binary)); !errors.Is(err, gips.ErrBufferType) {
		t.Errorf("binary output: %v", err)
	}
	a := gips.ArrayOf(make([]float32, 40), 5, 8)
	a.ReadOnly = true
	ro, _ := gips.FromArray(a)
	if err := GaussianInto(ro, img, 1, 1, 1); !errors.Is(err, gips.ErrReadOnly) {
		t.Errorf("read-only destination: %v", err)
	}
	small, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, 7, 5))
	if err := MeanInto(small, img, 3, 3, 3); !errors.Is(err, gips.ErrShape) {
		t.Errorf("destination of another size: %v", err)
	}
	if _, err := ParseMode("grid-wrap"); err != nil {
		t.Errorf("grid-wrap: %v", err)
	}
	if _, err := ParseMode("periodic"); !errors.Is(err, ErrParam) {
		t.Errorf("unknown mode: %v", err)
	}
}
