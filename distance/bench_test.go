package distance

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// blobs is a Binary image of natural blobs: a coarse random field (one
// value per 16 pixels, interpolated) plus a little pixel noise, above 0.
func blobs(sx, sy, sz int, volume bool) *gips.Image {
	rng := rand.New(rand.NewPCG(1, 2))
	const cell = 16
	cx, cy, cz := sx/cell+2, sy/cell+2, sz/cell+2
	coarse := make([]float64, cx*cy*cz)
	for i := range coarse {
		coarse[i] = rng.NormFloat64()
	}
	g := gips.Geometry2d(gips.Binary, sx, sy)
	if volume {
		g = gips.Geometry3d(gips.Binary, sx, sy, sz)
	}
	img, _ := gips.CreateImage(g)
	at := func(x, y, z int) float64 { return coarse[(z*cy+y)*cx+x] }
	for z := range sz {
		fz := float64(z) / cell
		z0, wz := int(fz), fz-math.Floor(fz)
		for y := range sy {
			fy := float64(y) / cell
			y0, wy := int(fy), fy-math.Floor(fy)
			row := img.Row(z, y)
			for x := range sx {
				fx := float64(x) / cell
				x0, wx := int(fx), fx-math.Floor(fx)
				v := 0.0
				for k := range 8 {
					dx, dy, dz := k&1, k>>1&1, k>>2
					w := (1 - wx + float64(dx)*(2*wx-1)) * (1 - wy + float64(dy)*(2*wy-1)) * (1 - wz + float64(dz)*(2*wz-1))
					v += w * at(x0+dx, y0+dy, z0+dz)
				}
				if v+0.3*rng.NormFloat64() > 0 {
					row[x] = 1
				}
			}
		}
	}
	return img
}

var benchBlobs = map[string]*gips.Image{}

func benchImage(name string) *gips.Image {
	if img := benchBlobs[name]; img != nil {
		return img
	}
	img := blobs(4096, 4096, 1, false)
	if name == "3D" {
		img = blobs(512, 512, 256, true)
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
			for b.Loop() {
				if err := EDTInto(out, img); err != nil {
					b.Fatal(err)
				}
			}
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
