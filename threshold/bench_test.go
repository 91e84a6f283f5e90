package threshold

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

func BenchmarkOtsu(b *testing.B) {
	imgtest.BenchRead(b, func(img *gips.Image) error { _, err := Otsu(img); return err })
}

func BenchmarkRange(b *testing.B) {
	imgtest.BenchRead(b, func(img *gips.Image) error { _, err := Range(img, 50, 200); return err })
}

func BenchmarkHysteresis(b *testing.B) {
	imgtest.BenchRead(b, func(img *gips.Image) error {
		lo, hi := 150.0, 250.0
		if img.Type() == gips.UInt16 {
			lo, hi = 40000, 65000
		}
		_, err := Hysteresis(img, lo, hi, gips.Conn4)
		return err
	})
}

// BenchmarkRangeInto is the side-by-side benchmark's row: v > t as
// Range(t+1, max) into a Binary image, and a two-sided range.
func BenchmarkRangeInto(b *testing.B) {
	for _, s := range imgtest.BenchSizes {
		img := imgtest.BenchImages(b, s.Geom, 1)[0]
		out := imgtest.BenchOutput(b, s.Geom.WithType(gips.Binary))
		_, hi := s.Geom.Type.Range()
		for _, r := range []struct {
			name   string
			lo, hi float64
		}{{"above", hi/2 + 1, hi}, {"between", hi / 4, hi * 3 / 4}} {
			b.Run(s.Name+"/"+r.name, func(b *testing.B) {
				b.SetBytes(imgtest.BenchBytes(s.Geom, 1, gips.Binary))
				for b.Loop() {
					if err := RangeInto(out, img, r.lo, r.hi); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkRows is issue 15's Otsu rows at 256x256 and 1024x1024 UInt8
// (bench-like pixels: a smooth field plus noise), with the CPU time per op.
func BenchmarkRows(b *testing.B) {
	for _, n := range []int{256, 1024} {
		img := smoothGrey(n)
		out := imgtest.BenchOutput(b, img.Geometry().WithType(gips.Binary))
		for _, r := range []struct {
			name string
			f    func() error
		}{
			{"otsu", func() error { _, err := Otsu(img); return err }},
			{"otsuApply", func() error {
				t, err := Otsu(img)
				if err == nil {
					err = AboveInto(out, img, t)
				}
				return err
			}},
			{"above", func() error { return AboveInto(out, img, 128) }},
		} {
			b.Run(fmt.Sprintf("%s/%d", r.name, n), func(b *testing.B) {
				c := imgtest.StartCPU(b)
				for b.Loop() {
					if err := r.f(); err != nil {
						b.Fatal(err)
					}
				}
				c.Report()
			})
		}
	}
}

// smoothGrey is an n x n UInt8 image like bench/inputs.py's: a smooth
// field of mean 128 and deviation 40 plus pixel noise of deviation 14.
func smoothGrey(n int) *gips.Image {
	img, err := gips.CreateImage(gips.Geometry2d(gips.UInt8, n, n))
	if err != nil {
		panic(err)
	}
	a, _ := img.Array()
	rng := rand.New(rand.NewPCG(1, 2))
	const cell = 32
	m := n/cell + 2
	low := make([]float64, m*m)
	for i := range low {
		low[i] = rng.NormFloat64()
	}
	for y := range n {
		for x := range n {
			fy, fx := float64(y)/cell, float64(x)/cell
			iy, ix := int(fy), int(fx)
			ty, tx := fy-float64(iy), fx-float64(ix)
			f := (low[iy*m+ix]*(1-tx)+low[iy*m+ix+1]*tx)*(1-ty) + (low[(iy+1)*m+ix]*(1-tx)+low[(iy+1)*m+ix+1]*tx)*ty
			v := math.Round(128 + 40*f + 14*rng.NormFloat64())
			a.Data[y*n+x] = byte(min(max(v, 0), 255))
		}
	}
	return img
}
