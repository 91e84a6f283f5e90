package color

import (
	"fmt"
	"testing"
	"unsafe"

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
	runInto(b, true, []intoCase{
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
	})
}

// intoCase is one conversion into a preallocated image.
type intoCase struct {
	name     string
	into     func(dst, src *gips.Image) error
	dst, src *gips.Image
}

// runInto runs each case as a sub-benchmark and reports its CPU time
// (every thread's) per op: on a shared machine the wall time measures the
// other processes too. bytes: report the pixels read and written too.
func runInto(b *testing.B, bytes bool, cases []intoCase) {
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			if bytes {
				b.SetBytes(imgtest.PixelBytes(c.src.Geometry()) + imgtest.PixelBytes(c.dst.Geometry()))
			}
			cpu0 := imgtest.ProcessCPU()
			for range b.N {
				if err := c.into(c.dst, c.src); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(imgtest.ProcessCPU()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkConvert256 is the bench rows' 256² size, uint8 and float32 in,
// (float32 holding 0..255: the same work as [0, 1]; rgbToLab's in [0, 1],
// the range of its fast path) into preallocated
// images: where a call's fixed costs (scratch, a kernel
// call per row) show next to its pixels' (0.3-0.6 ns each).
func BenchmarkConvert256(b *testing.B) {
	const n = 256
	img := imgtest.BenchImages(b, gips.GeometryRgb2d(gips.UInt8, n, n), 1)[0]
	img32, err := gips.ConvertTo(img, gips.Real32)
	if err != nil {
		b.Fatal(err)
	}
	one8, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, n, n))
	one32, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, n, n))
	one64, _ := gips.CreateImage(gips.Geometry2d(gips.Real64, n, n))
	three8, _ := gips.CreateImage(gips.GeometryRgb2d(gips.UInt8, n, n))
	three32, _ := gips.CreateImage(gips.GeometryRgb2d(gips.Real32, n, n))
	hsv32, err := RgbToHsv(img32)
	if err != nil {
		b.Fatal(err)
	}
	// rgbToLab's fast path takes channels in [-2, 2]: the image in [0, 1].
	rgb01, err := gips.ConvertTo(img, gips.Real32)
	if err != nil {
		b.Fatal(err)
	}
	ps, err := gips.WritablePlanes[float32](rgb01)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range ps {
		for i := range p.Pix {
			p.Pix[i] *= 1.0 / 255
		}
	}
	lab32, err := RgbToLab(rgb01)
	if err != nil {
		b.Fatal(err)
	}
	runInto(b, false, []intoCase{
		{"rgbToGrey-u8", RgbToGreyInto, one8, img},
		{"rgbToGrey-u8-f64", RgbToGreyInto, one64, img},
		{"rgbToYCbCr-u8", RgbToYCbCrInto, three8, img},
		{"rgbToGrey-f32", RgbToGreyInto, one32, img32},
		{"rgbToHsv-f32", RgbToHsvInto, three32, img32},
		{"hsvToRgb-f32", HsvToRgbInto, three32, hsv32},
		{"rgbToYCbCr-f32", RgbToYCbCrInto, three32, img32},
		{"rgbToLab-f32", RgbToLabInto, three32, rgb01},
		{"labToRgb-f32", LabToRgbInto, three32, lab32},
	})
}

// BenchmarkConvertTiny is an 8x8 rgbToGrey with a new output: the fixed
// cost of a call, and its allocations (-benchmem).
func BenchmarkConvertTiny(b *testing.B) {
	img := imgtest.BenchImages(b, gips.GeometryRgb2d(gips.UInt8, 8, 8), 1)[0]
	for range b.N {
		if _, err := RgbToGrey(img, WithOutput(gips.UInt8)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConvertAlign is the float32 rows of a 256² image (f32Rows, as
// run on a contiguous plane) with the inputs and the outputs at byte
// offsets 0, 16 and 32 from a cache line: numpy's arrays are 16-byte
// aligned, and alignHead makes the AVX-512 steps start on a line.
func BenchmarkConvertAlign(b *testing.B) {
	const n = 256 * 256
	for _, name := range []string{toGrey.name, toHsv.name, toYCbCr.name} {
		for _, off := range [][2]int{{0, 0}, {16, 0}, {0, 16}, {16, 16}, {32, 16}} {
			in := [3][]float32{offsetF32(n, off[0]), offsetF32(n, off[0]), offsetF32(n, off[0])}
			out := [3][]float32{offsetF32(n, off[1]), offsetF32(n, off[1]), offsetF32(n, off[1])}
			if name == toGrey.name {
				out[1], out[2] = nil, nil
			}
			k := f32Rows[name]
			b.Run(fmt.Sprintf("%s/in%d-out%d", name, off[0], off[1]), func(b *testing.B) {
				for range b.N {
					k(out[0], out[1], out[2], in[0], in[1], in[2])
				}
			})
		}
	}
}

// offsetF32 is n float32s in [0, 1] starting off bytes after a 64-byte
// boundary.
func offsetF32(n, off int) []float32 {
	buf := make([]float32, n+32)
	s := (int(64-uintptr(unsafe.Pointer(&buf[0]))%64)%64 + off) / 4
	r := buf[s : s+n]
	for i := range r {
		r[i] = float32(i%251) / 251
	}
	return r
}
