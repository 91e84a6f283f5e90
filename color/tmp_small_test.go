package color

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

func BenchmarkTmpSmall(b *testing.B) {
	const n = 256
	g := gips.GeometryRgb2d(gips.UInt8, n, n)
	img := imgtest.BenchImages(b, g, 1)[0]
	for _, c := range []struct {
		name string
		f    func(*gips.Image, ...Option) (*gips.Image, error)
	}{{"grey", RgbToGrey}, {"hsv", RgbToHsv}, {"ycbcr", RgbToYCbCr}, {"lab", RgbToLab}} {
		b.Run(c.name, func(b *testing.B) {
			c0 := cpuTime()
			for range b.N {
				if _, err := c.f(img, WithOutput(gips.UInt8)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-c0)/float64(b.N)/1000, "cpu-us/op")
		})
	}
}
