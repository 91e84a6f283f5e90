package util

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// Run with: go test ./util -run '^$' -bench . -benchtime 3x
// MB/s counts bytes read plus written; BenchmarkCopy is the memory
// bandwidth in the same run.

func BenchmarkCopy(b *testing.B) { imgtest.BenchCopy(b) }

func BenchmarkUtil(b *testing.B) {
	for _, s := range imgtest.BenchSizes {
		in := imgtest.BenchImages(b, s.Geom, 1)[0]
		out := imgtest.BenchOutput(b, s.Geom)
		b.Run(s.Name+"/EraseImg", func(b *testing.B) {
			b.SetBytes(imgtest.PixelBytes(s.Geom))
			for b.Loop() {
				if err := EraseImg(out, 3); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(s.Name+"/CopyImg", func(b *testing.B) {
			b.SetBytes(imgtest.BenchBytes(s.Geom, 1, s.Geom.Type))
			for b.Loop() {
				if err := CopyImg(in, out); err != nil {
					b.Fatal(err)
				}
			}
		})
		for _, c := range []struct {
			to      gips.BufferType
			scaling Scaling
		}{{gips.Real32, Clamp}, {gips.Real32, Scale}, {gips.Int8, Clamp}, {gips.UInt8, MinMax}} {
			dst := imgtest.BenchOutput(b, s.Geom.WithType(c.to))
			b.Run(s.Name+"/ConvertImg_"+c.to.String()+"_"+string(c.scaling), func(b *testing.B) {
				b.SetBytes(imgtest.BenchBytes(s.Geom, 1, c.to))
				for b.Loop() {
					if err := ConvertImgInto(dst, in, c.scaling); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkToFloat32 is the to_float rows' kernel on 1 Mi pixels (UInt8:
// the 1024² row, 5 MiB moved; UInt16), with the CPU time per op:
// go test ./util -run '^$' -bench ToFloat32 -cpu 1 under GOEXPERIMENT=simd.
func BenchmarkToFloat32(b *testing.B) {
	const n = 1 << 20
	u8, u16, d := make([]uint8, n), make([]uint16, n), make([]float32, n)
	for i := range u8 {
		u8[i], u16[i] = uint8(i*7), uint16(i*7)
	}
	for _, k := range []struct {
		name string
		f    func()
		size int64
	}{{"UInt8", func() { simdU8F32(d, u8) }, 5 * n}, {"UInt16", func() { simdU16F32(d, u16) }, 6 * n}} {
		b.Run(k.name, func(b *testing.B) {
			b.SetBytes(k.size)
			c := imgtest.StartCPU(b)
			for b.Loop() {
				k.f()
			}
			c.Report()
		})
	}
}
