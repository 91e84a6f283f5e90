package morpho

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// The benchmarks run on the shared benchmark images (4096² UInt8 and
// 512x512x256 UInt16) and report the bytes of the image read per op.

func benchGrey(b *testing.B, f func(dst, src *gips.Image, se SE, opts ...Option) error, ses map[string]SE) {
	for _, s := range imgtest.BenchSizes {
		in := imgtest.BenchImages(b, s.Geom, 1)[0]
		out := imgtest.BenchOutput(b, s.Geom)
		for name, se := range ses {
			if se.size[2] > 1 && !s.Geom.Volume {
				continue
			}
			b.Run(s.Name+"/"+name, func(b *testing.B) {
				b.SetBytes(imgtest.PixelBytes(s.Geom))
				for b.Loop() {
					if err := f(out, in, se); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkErode(b *testing.B) {
	benchGrey(b, ErodeInto, map[string]SE{"box3": Box(3, 3, 3), "box15": Box(15, 15, 15), "rect3": Rect(3, 3), "disk5": Disk(5), "ball3": Ball(3)})
}

func BenchmarkDilate(b *testing.B) {
	benchGrey(b, DilateInto, map[string]SE{"box3": Box(3, 3, 3)})
}

func BenchmarkBinaryErode(b *testing.B) {
	for _, s := range imgtest.BenchSizes {
		g := s.Geom.WithType(gips.Binary)
		in := imgtest.BenchImages(b, g, 1)[0]
		out := imgtest.BenchOutput(b, g)
		for name, se := range map[string]SE{"cross": Cross(ndim(g)), "box3": Box(3, 3, 3)} {
			if !g.Volume && name == "box3" {
				se = Rect(3, 3)
			}
			b.Run(s.Name+"/"+name, func(b *testing.B) {
				b.SetBytes(imgtest.PixelBytes(g))
				for b.Loop() {
					if err := BinaryErodeInto(out, in, se); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
