package threshold

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

func BenchmarkOtsu(b *testing.B) {
	imgtest.BenchRead(b, func(img *gips.Image) error { _, err := Otsu(img); return err })
}

func BenchmarkRange(b *testing.B) {
	imgtest.BenchRead(b, func(img *gips.Image) error { _, err := Range(img, 50, 200); return err })
}

func BenchmarkHysteresis(b *testing.B) {
	imgtest.BenchRead(b, func(img *gips.Image) error {
		lo, hi := 150.0, 250.0
		if img.Type() == gips.UInt16 {
			lo, hi = 40000, 65000
		}
		_, err := Hysteresis(img, lo, hi)
		return err
	})
}
