package imgtest

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/gipsdev/gips"
)

// BenchSize is one of the benchmark images: 4096x4096 UInt8 (16 MiB) and
// 512x512x256 UInt16 (128 MiB), as issue 4 asks.
type BenchSize struct {
	Name string
	Geom gips.Geometry
}

// The benchmark images, one 2D and one 3D.
var (
	Bench2D = BenchSize{"2D_UInt8_4096x4096", gips.Geometry2d(gips.UInt8, 4096, 4096)}
	Bench3D = BenchSize{"3D_UInt16_512x512x256", gips.Geometry3d(gips.UInt16, 512, 512, 256)}
)

// BenchSizes are the benchmark images.
var BenchSizes = []BenchSize{Bench2D, Bench3D}

var (
	benchMu     sync.Mutex
	benchImages = map[gips.Geometry][]*gips.Image{}
)

// BenchImages returns n random images of geometry g (the type's full
// range; Binary 0/1), made once per test binary and shared by benchmarks,
// which must not write into them.
func BenchImages(b *testing.B, g gips.Geometry, n int) []*gips.Image {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	imgs := benchImages[g]
	for len(imgs) < n {
		img := BenchOutput(b, g)
		a, err := img.Array()
		if err != nil {
			b.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(uint64(len(imgs)), 7))
		buf := a.Data
		for i := 0; i+8 <= len(buf); i += 8 {
			v := rng.Uint64()
			if g.Type == gips.Binary {
				v &= 0x0101010101010101
			}
			for k := range 8 {
				buf[i+k] = byte(v >> (8 * k))
			}
		}
		imgs = append(imgs, img)
	}
	benchImages[g] = imgs
	return imgs[:n]
}

// BenchBytes is the number of bytes an op moves over images of g: reads of
// nIn inputs and the write of one output of outType.
func BenchBytes(g gips.Geometry, nIn int, outType gips.BufferType) int64 {
	return int64(nIn)*PixelBytes(g) + PixelBytes(g.WithType(outType))
}

// PixelBytes is the size of the pixels of an image of geometry g: what an
// op reads of it or writes into it.
func PixelBytes(g gips.Geometry) int64 {
	return int64(g.Pixels()) * int64(g.Type.ItemSize())
}

// BenchRead runs f, which reads an image and writes none of the shared
// ones, as a sub-benchmark on a BenchImages image of each of BenchSizes,
// and reports the bytes of the image read per op.
func BenchRead(b *testing.B, f func(img *gips.Image) error) {
	for _, s := range BenchSizes {
		b.Run(s.Name, func(b *testing.B) {
			img := BenchImages(b, s.Geom, 1)[0]
			b.SetBytes(PixelBytes(s.Geom))
			for b.Loop() {
				if err := f(img); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchCopy is the memory-bandwidth reference of a run: the same images
// copied with gips.CopyImg (parallel, row by row) and with one Go copy
// of the whole block (memmove on one core). Bytes are read plus written.
func BenchCopy(b *testing.B) {
	for _, s := range BenchSizes {
		in := BenchImages(b, s.Geom, 1)[0]
		out := BenchOutput(b, s.Geom)
		b.Run(s.Name+"/CopyImg", func(b *testing.B) {
			b.SetBytes(BenchBytes(s.Geom, 1, s.Geom.Type))
			for b.Loop() {
				if err := gips.CopyImg(in, out); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(s.Name+"/memmove", func(b *testing.B) {
			src, _ := in.Array()
			dst, _ := out.Array()
			b.SetBytes(BenchBytes(s.Geom, 1, s.Geom.Type))
			for b.Loop() {
				copy(dst.Data, src.Data)
			}
		})
	}
}

// BenchOutput is a new image of geometry g whose pages are already
// touched, so that the first timed iteration pays no page faults.
func BenchOutput(b *testing.B, g gips.Geometry) *gips.Image {
	b.Helper()
	img, err := gips.CreateImage(g)
	if err != nil {
		b.Fatal(err)
	}
	if err := gips.EraseImg(img, 1); err != nil {
		b.Fatal(err)
	}
	return img
}

// BenchOps runs each op of two (two inputs) and of one (one input) as the
// sub-benchmark s.Name/name, on BenchImages inputs of geometry s.Geom and
// one output of the same geometry, and reports bytes read plus written.
func BenchOps(b *testing.B, s BenchSize, two map[string]func(dst, a, b *gips.Image) error, one map[string]func(dst, a *gips.Image) error) {
	in := BenchImages(b, s.Geom, 2)
	out := BenchOutput(b, s.Geom)
	for name, f := range two {
		b.Run(s.Name+"/"+name, func(b *testing.B) {
			b.SetBytes(BenchBytes(s.Geom, 2, s.Geom.Type))
			for b.Loop() {
				if err := f(out, in[0], in[1]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for name, f := range one {
		b.Run(s.Name+"/"+name, func(b *testing.B) {
			b.SetBytes(BenchBytes(s.Geom, 1, s.Geom.Type))
			for b.Loop() {
				if err := f(out, in[0]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
