package threshold

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testimg"
)

func benchThreshold(b *testing.B, f func(*gips.Image) error) {
	b.Run("2DUint8", func(b *testing.B) { run(b, testimg.Big(b, gips.UInt8, 4096, 4096, 1), f) })
	b.Run("3DUint16", func(b *testing.B) { run(b, testimg.Big(b, gips.UInt16, 512, 512, 256), f) })
}

func run(b *testing.B, img *gips.Image, f func(*gips.Image) error) {
	b.SetBytes(testimg.Bytes(img))
	for b.Loop() {
		if err := f(img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOtsu(b *testing.B) {
	benchThreshold(b, func(img *gips.Image) error { _, err := Otsu(img); return err })
}

func BenchmarkRange(b *testing.B) {
	benchThreshold(b, func(img *gips.Image) error { _, err := Range(img, 50, 200); return err })
}

func BenchmarkHysteresis(b *testing.B) {
	benchThreshold(b, func(img *gips.Image) error {
		lo, hi := 150.0, 250.0
		if img.Type() == gips.UInt16 {
			lo, hi = 40000, 65000
		}
		_, err := Hysteresis(img, lo, hi)
		return err
	})
}
