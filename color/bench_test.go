package color

import (
	"syscall"
	"testing"
	"time"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

func BenchmarkRgbToGrey2DUint8(b *testing.B) {
	g := gips.GeometryRgb2d(gips.UInt8, 2048, 2048)
	img := imgtest.BenchImages(b, g, 1)[0]
	dst, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, 2048, 2048))
	b.SetBytes(imgtest.PixelBytes(g) + imgtest.PixelBytes(dst.Geometry()))
	b.ResetTimer()
	for range b.N {
		if err := RgbToGreyInto(dst, img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRgbToLab2DUint8(b *testing.B) {
	g := gips.GeometryRgb2d(gips.UInt8, 1024, 1024)
	img := imgtest.BenchImages(b, g, 1)[0]
	b.SetBytes(imgtest.PixelBytes(g))
	b.ResetTimer()
	for range b.N {
		if _, err := RgbToLab(img, WithOutput(gips.Real32)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConvertInto is every conversion of a 2048² uint8 RGB image (the
// bench rows' input at a quarter of the pixels) into a preallocated
// float64 image (-u8: a uint8 image, OpenCV's output type): the conversion's own time, without the output's
// allocation and first-touch page faults. The Lab and HSV inputs of the
// inverse conversions are the forward conversions of the RGB image.
func BenchmarkConvertInto(b *testing.B) {
	const n = 2048
	g := gips.GeometryRgb2d(gips.UInt8, n, n)
	img := imgtest.BenchImages(b, g, 1)[0]
	labImg, err := RgbToLab(img)
	if err != nil {
		b.Fatal(err)
	}
	hsvImg, err := RgbToHsv(img)
	if err != nil {
		b.Fatal(err)
	}
	three, _ := gips.CreateImage(gips.GeometryRgb2d(gips.Real64, n, n))
	one, _ := gips.CreateImage(gips.Geometry2d(gips.Real64, n, n))
	three8, _ := gips.CreateImage(gips.GeometryRgb2d(gips.UInt8, n, n))
	one8, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, n, n))
	for _, c := range []struct {
		name     string
		into     func(dst, src *gips.Image) error
		dst, src *gips.Image
	}{
		{"rgbToGrey", RgbToGreyInto, one, img},
		{"rgbToHsv", RgbToHsvInto, three, img},
		{"hsvToRgb", HsvToRgbInto, three, hsvImg},
		{"rgbToLab", RgbToLabInto, three, img},
		{"labToRgb", LabToRgbInto, three, labImg},
		{"rgbToYCbCr", RgbToYCbCrInto, three, img},
		{"rgbToGrey-u8", RgbToGreyInto, one8, img},
		{"rgbToHsv-u8", RgbToHsvInto, three8, img},
		{"rgbToLab-u8", RgbToLabInto, three8, img},
		{"rgbToYCbCr-u8", RgbToYCbCrInto, three8, img},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(imgtest.PixelBytes(c.src.Geometry()) + imgtest.PixelBytes(c.dst.Geometry()))
			cpu0 := cpuTime()
			for range b.N {
				if err := c.into(c.dst, c.src); err != nil {
					b.Fatal(err)
				}
			}
			// CPU time (every thread's) per op: on a shared machine the
			// wall time measures the other processes too.
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
