package filter

import (
	"errors"
	"math/rand/v2"
	"testing"
	"unsafe"

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

// TestIntoAnyLayout: a destination that is a padded, flipped view of a
// caller's array (rows bottom up, planes in reverse) gets the same pixels
// as a new contiguous output, and the caller's array sees them.
func TestIntoAnyLayout(t *testing.T) {
	img := randomU16(rand.New(rand.NewPCG(3, 3)), 11, 9, 5)
	for _, out := range []gips.BufferType{gips.Real32, gips.UInt16} {
		g, _ := GaussianXYZ(img, 1, 2, 1, WithOutput(out), WithMode(Mirror))
		m, _ := MeanXYZ(img, 3, 2, 3, WithOutput(out))
		for _, c := range []struct {
			name string
			run  func(dst *gips.Image) error
			want *gips.Image
		}{
			{"gaussian", func(dst *gips.Image) error { return GaussianInto(dst, img, 1, 2, 1, WithMode(Mirror)) }, g},
			{"mean", func(dst *gips.Image) error { return MeanInto(dst, img, 3, 2, 3) }, m},
		} {
			isz := out.ItemSize()
			dt, _ := gips.DTypeOf(out)
			words := make([]float64, 7*12*14*isz/8+1)
			data := unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), 7*12*14*isz)
			base := gips.Array{DType: dt, Shape: []int{7, 12, 14}, Strides: []int{12 * 14 * isz, 14 * isz, isz}, Data: data}
			view := base.Slice(0, 6, 1, -1).Slice(1, 10, 1, -1).Slice(2, 2, 13, 1) // 5 x 9 x 11, z and y flipped
			dst, err := gips.FromArray(view, gips.Strict)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.run(dst); err != nil {
				t.Fatal(err)
			}
			equalImages(t, c.name+" into a flipped view", dst, c.want)
			wa, _ := c.want.Array()
			if got, want := view.Get(4, 0, 10), wa.Get(4, 0, 10); got != want {
				t.Errorf("%s: the caller's array reads %v, want %v", c.name, got, want)
			}
		}
	}
}
