package label

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

var benchBlobs = map[string]*gips.Image{}

func benchImage(name string) *gips.Image {
	if img := benchBlobs[name]; img != nil {
		return img
	}
	var img *gips.Image
	if name == "2D" {
		img = imgtest.Blobs(4096, 4096, 1, false)
	} else {
		img = imgtest.Blobs(512, 512, 256, true)
	}
	benchBlobs[name] = img
	return img
}

// BenchmarkComponents: the bench rows' sizes, Binary blobs, full
// connectivity, into a Label32 image.
func BenchmarkComponents(b *testing.B) {
	for _, name := range []string{"2D", "3D"} {
		b.Run(name, func(b *testing.B) {
			img := benchImage(name)
			out, _ := gips.CreateImage(img.Geometry().WithType(gips.Label32))
			b.SetBytes(int64(img.Geometry().Pixels()))
			for b.Loop() {
				if _, err := ComponentsInto(out, img, gips.Full); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
