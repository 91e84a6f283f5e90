package stats

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testimg"
)

func benchStats(b *testing.B, f func(*gips.Image) error) {
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

func BenchmarkMeasure(b *testing.B) {
	benchStats(b, func(img *gips.Image) error { _, err := Measure(img); return err })
}

func BenchmarkMinMaxSum(b *testing.B) {
	benchStats(b, func(img *gips.Image) error { _, err := Sum(img); return err })
}

func BenchmarkHistogram(b *testing.B) {
	benchStats(b, func(img *gips.Image) error { _, err := Histogram(img, 256, 0, 65535); return err })
}

func BenchmarkPercentiles(b *testing.B) {
	benchStats(b, func(img *gips.Image) error { _, err := Percentiles(img, 1, 50, 99); return err })
}

func BenchmarkCopyBaseline(b *testing.B) {
	benchStats(b, func(img *gips.Image) error { _, err := gips.Copy(img); return err })
}
