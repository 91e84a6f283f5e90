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
