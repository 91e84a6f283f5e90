package filter

import (
	"math"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// BenchmarkMeanTyped: the 5-pixel box mean on 1024² images and 256²×64
// volumes of UInt16, Int16 and Real32, by Mean's path ("mean") and by the
// paths it replaced: the float path ("floatpath"), and for UInt16 volumes
// the slab path ("slab"); CPU time per op is reported.
func BenchmarkMeanTyped(b *testing.B) {
	for _, g := range []gips.Geometry{gips.Geometry2d(gips.UInt16, 1024, 1024), gips.Geometry3d(gips.UInt16, 256, 256, 64)} {
		for _, t := range []gips.BufferType{gips.UInt16, gips.Int16, gips.Real32} {
			g := g.WithType(t)
			src, _ := gips.CreateImage(g)
			fillBench(src)
			dst, _ := gips.CreateImage(g)
			size := [3]int{5, 5, 5}
			c := collect(nil)
			for _, how := range []string{"mean", "floatpath", "slab"} {
				if how == "slab" && (t != gips.UInt16 || !g.Volume) {
					continue
				}
				b.Run(g.String()+"/"+how, func(b *testing.B) {
					cpu := imgtest.StartCPU(b)
					for b.Loop() {
						var err error
						switch how {
						case "mean":
							err = meanInto(dst, src, size, c)
						case "slab":
							_, err = meanSlab(dst, src, size, c)
						default:
							err = run(meanJob[float64](dst, src, size, c))
						}
						if err != nil {
							b.Fatal(err)
						}
					}
					cpu.Report()
				})
			}
		}
	}
}

// fillBench fills an image with a smooth pattern plus noise in its type's
// range.
func fillBench(img *gips.Image) {
	lo, hi := img.Type().Range()
	if img.Type().IsFloat() {
		lo, hi = 0.1, 64
	}
	g := img.Geometry()
	vals := make([]float64, 0, g.SizeX*g.SizeY*g.SizeZ)
	seed := uint32(1)
	for i := range cap(vals) {
		seed = seed*1664525 + 1013904223
		v := 0.5 + 0.3*math.Sin(float64(i)/300) + 0.2*float64(seed>>8)/(1<<24)
		vals = append(vals, lo+v*(hi-lo))
	}
	_ = gips.Dispatch(img.Type(), gips.AllKernels(fillAs[uint8], fillAs[int8], fillAs[uint16], fillAs[int16],
		fillAs[uint32], fillAs[int32], fillAs[float32], fillAs[float64]), fillArgs{img, vals})
}

type fillArgs struct {
	img  *gips.Image
	vals []float64
}

func fillAs[T gips.Pixel](a fillArgs) error {
	ps, err := gips.WritablePlanes[T](a.img)
	if err != nil {
		return err
	}
	i := 0
	for _, p := range ps {
		for y := range p.Height {
			for x := range p.Row(y) {
				p.Row(y)[x] = T(a.vals[i])
				i++
			}
		}
	}
	return nil
}
