package segment

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/label"
)

// smooth is a volume of type t: a coarse random field (one value per 8
// pixels, interpolated) plus noise, over the type's range.
func smooth(t gips.BufferType, sx, sy, sz int) *gips.Image {
	rng := rand.New(rand.NewPCG(3, 4))
	const cell = 8
	cx, cy, cz := sx/cell+2, sy/cell+2, sz/cell+2
	coarse := make([]float64, cx*cy*cz)
	for i := range coarse {
		coarse[i] = rng.Float64()
	}
	img, _ := gips.CreateImage(gips.Geometry3d(t, sx, sy, sz))
	_, hi := t.Range()
	planes, _ := gips.WritablePlanes[uint16](img)
	planes8, _ := gips.WritablePlanes[uint8](img)
	for z := range sz {
		for y := range sy {
			for x := range sx {
				fx, fy, fz := float64(x)/cell, float64(y)/cell, float64(z)/cell
				x0, y0, z0 := int(fx), int(fy), int(fz)
				wx, wy, wz := fx-math.Floor(fx), fy-math.Floor(fy), fz-math.Floor(fz)
				v := 0.0
				for k := range 8 {
					dx, dy, dz := k&1, k>>1&1, k>>2
					w := (1 - wx + float64(dx)*(2*wx-1)) * (1 - wy + float64(dy)*(2*wy-1)) * (1 - wz + float64(dz)*(2*wz-1))
					v += w * coarse[((z0+dz)*cy+y0+dy)*cx+x0+dx]
				}
				v = math.Min(hi, math.Max(0, (v+0.05*rng.NormFloat64())*hi))
				if t == gips.UInt8 {
					planes8[z].Row(y)[x] = uint8(v)
				} else {
					planes[z].Row(y)[x] = uint16(v)
				}
			}
		}
	}
	return img
}

// BenchmarkWatershed: a 256x256x64 volume, markers the components of its
// lowest values (about a percent of the voxels, thousands of markers).
func BenchmarkWatershed(b *testing.B) {
	for _, t := range []gips.BufferType{gips.UInt8, gips.UInt16} {
		b.Run(t.String(), func(b *testing.B) {
			img := smooth(t, 256, 256, 64)
			_, hi := t.Range()
			low, _ := gips.CreateImage(img.Geometry().WithType(gips.Binary))
			src, _ := gips.ConvertTo(img, gips.Real64)
			for z := range 64 {
				s, _ := gips.PlaneAt[float64](src, z, 0, 0)
				for y := range 256 {
					for x, v := range s.Row(y) {
						if v < 0.02*hi {
							low.Row(z, y)[x] = 1
						}
					}
				}
			}
			markers, n, _ := label.Components(low, 1, label.WithOutput(gips.Int32))
			b.Logf("%d markers", n)
			out, _ := gips.CreateImage(markers.Geometry())
			for _, exact := range []bool{true, false} {
				b.Run(fmt.Sprintf("exactTies=%v", exact), func(b *testing.B) {
					b.SetBytes(int64(img.Geometry().Pixels()))
					for b.Loop() {
						if err := WatershedInto(out, img, markers, WithExactTies(exact)); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			b.Run("line", func(b *testing.B) {
				b.SetBytes(int64(img.Geometry().Pixels()))
				c0 := imgtest.ProcessCPU()
				for b.Loop() {
					if err := WatershedInto(out, img, markers, WithWatershedLine(true)); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(imgtest.ProcessCPU()-c0)/float64(b.N), "cpu-ns/op")
			})
		})
	}
}
