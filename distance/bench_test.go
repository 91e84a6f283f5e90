package distance

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

var benchBlobs = map[string]*gips.Image{}

func benchImage(name string) *gips.Image {
	if img := benchBlobs[name]; img != nil {
		return img
	}
	img := imgtest.Blobs(4096, 4096, 1, false)
	if name == "3D" {
		img = imgtest.Blobs(512, 512, 256, true)
	}
	benchBlobs[name] = img
	return img
}

// BenchmarkEDT: the bench rows' sizes, Binary blobs, into Real32.
func BenchmarkEDT(b *testing.B) {
	for _, name := range []string{"2D", "3D"} {
		b.Run(name, func(b *testing.B) {
			img := benchImage(name)
			out, _ := gips.CreateImage(img.Geometry().WithType(gips.Real32))
			b.SetBytes(int64(img.Geometry().Pixels()))
			EDTInto(out, img) // the scratch, outside the timed loop
			cpu := imgtest.StartCPU(b)
			for b.Loop() {
				if err := EDTInto(out, img); err != nil {
					b.Fatal(err)
				}
			}
			cpu.Report()
		})
	}
}

// BenchmarkLabelEDT: the blobs of BenchmarkEDT cut into labels by a grid
// of 64-pixel cells (touching labels at the cell walls), Label32 into
// Real32; its ratio to BenchmarkEDT is the cost of the label mode.
func BenchmarkLabelEDT(b *testing.B) {
	for _, name := range []string{"2D", "3D"} {
		b.Run(name, func(b *testing.B) {
			bin := benchImage(name)
			g := bin.Geometry()
			img, _ := gips.CreateImage(g.WithType(gips.Label32))
			for z := range g.SizeZ {
				p, _ := gips.PlaneAt[uint32](img, z, 0, 0)
				for y := range g.SizeY {
					src, dst := bin.Row(z, y), p.Row(y)
					for x := range g.SizeX {
						if src[x] != 0 {
							dst[x] = uint32((z/64*64+y/64)*64 + x/64 + 1)
						}
					}
				}
			}
			out, _ := gips.CreateImage(g.WithType(gips.Real32))
			b.SetBytes(int64(g.Pixels()))
			for b.Loop() {
				if err := LabelEDTInto(out, img); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
