package morpho

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// TestInPlaceEqualsOutOfPlace: every Into op given its source as the
// destination (multi-channel volumes, so that a later volume must not see
// an earlier one's result) gives what it gives into a new image.
func TestInPlaceEqualsOutOfPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(70, 71))
	g := gips.GeometryMultiChannel3d(gips.UInt8, 9, 8, 5, 2)
	fresh := func() *gips.Image {
		img, _ := gips.CreateImage(g)
		a, _ := img.Array()
		for i := range a.Data {
			a.Data[i] = uint8(rng.IntN(4) * 60)
		}
		return img
	}
	ops := map[string]func(dst, src *gips.Image) error{
		"erode":       func(d, s *gips.Image) error { return ErodeInto(d, s, Ball(1)) },
		"opening":     func(d, s *gips.Image) error { return OpeningInto(d, s, Box(3, 2, 2)) },
		"blackTophat": func(d, s *gips.Image) error { return BlackTophatInto(d, s, Disk(2)) },
		"gradient":    func(d, s *gips.Image) error { return GradientInto(d, s, Cross(3)) },
	}
	for name, f := range ops {
		src := fresh()
		want, _ := gips.CreateImage(g)
		if err := f(want, src); err != nil {
			t.Fatal(err)
		}
		if err := f(src, src); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(imgtest.ImageValues(t, src)) != fmt.Sprint(imgtest.ImageValues(t, want)) {
			t.Errorf("%s in place differs", name)
		}
	}
	bg := g.WithType(gips.Binary)
	for name, f := range map[string]func(dst, src *gips.Image) error{
		"binaryClosing": func(d, s *gips.Image) error { return BinaryClosingInto(d, s, Cross(3), WithIterations(2)) },
		"fillHoles":     func(d, s *gips.Image) error { return FillHolesInto(d, s, Cross(3)) },
	} {
		src, _ := gips.CreateImage(bg)
		a, _ := src.Array()
		for i := range a.Data {
			a.Data[i] = uint8(rng.IntN(2))
		}
		want, _ := gips.CreateImage(bg)
		if err := f(want, src); err != nil {
			t.Fatal(err)
		}
		if err := f(src, src); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(imgtest.ImageValues(t, src)) != fmt.Sprint(imgtest.ImageValues(t, want)) {
			t.Errorf("%s in place differs", name)
		}
	}
}
