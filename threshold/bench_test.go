package threshold

import (
	"fmt"
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
		img := imgtest.SmoothGrey(n)
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
