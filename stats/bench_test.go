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

// BenchmarkHistogramPerValue is the side-by-side benchmark's row: one bin
// per value (nbins = 256 or 65536 over [0, max+1]), on the random images
// and on a smooth one (a ramp plus a little noise), whose runs of equal
// values are the hard case for counting.
func BenchmarkHistogramPerValue(b *testing.B) {
	f := func(img *gips.Image) error {
		_, hi := img.Type().Range()
		_, err := Histogram(img, int(hi)+1, 0, hi+1)
		return err
	}
	imgtest.BenchRead(b, f)
	for _, s := range imgtest.BenchSizes {
		b.Run(s.Name+"/smooth", func(b *testing.B) {
			img := imgtest.BenchOutput(b, s.Geom)
			a, _ := img.Array()
			_, hi := s.Geom.Type.Range()
			n := s.Geom.Pixels()
			for i := range n {
				v := uint64(float64(i)/float64(n)*hi) + uint64(i*2654435761>>7&3)
				v = min(v, uint64(hi))
				if s.Geom.Type == gips.UInt8 {
					a.Data[i] = byte(v)
				} else {
					a.Data[2*i], a.Data[2*i+1] = byte(v), byte(v>>8)
				}
			}
			b.SetBytes(imgtest.PixelBytes(s.Geom))
			for b.Loop() {
				if err := f(img); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
