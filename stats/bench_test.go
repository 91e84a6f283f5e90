package stats

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

func BenchmarkMeasure(b *testing.B) {
	imgtest.BenchRead(b, func(img *gips.Image) error { _, err := Measure(img); return err })
}

func BenchmarkMinMaxSum(b *testing.B) {
	imgtest.BenchRead(b, func(img *gips.Image) error { _, err := Sum(img); return err })
}

func BenchmarkHistogram(b *testing.B) {
	imgtest.BenchRead(b, func(img *gips.Image) error { _, err := Histogram(img, 256, 0, 65535); return err })
}

func BenchmarkPercentiles(b *testing.B) {
	imgtest.BenchRead(b, func(img *gips.Image) error { _, err := Percentiles(img, 1, 50, 99); return err })
}

func BenchmarkCopyBaseline(b *testing.B) {
	imgtest.BenchRead(b, func(img *gips.Image) error { _, err := gips.Copy(img); return err })
}
