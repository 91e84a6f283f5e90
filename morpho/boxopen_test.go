package morpho

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// TestBoxChainMatchesTwoPasses runs the opening, closing and top-hats by
// small 2D boxes (odd, even, one row or column: the fused band path,
// boxopen.go) against the same ops through the volume-sized intermediate
// (which TestGreyMatchesScipy proves against scipy), in every mode, on
// uint8, int16 and float32 images tall enough for many bands (a band
// reads first-pass rows of its neighbours, and of the far side in Wrap
// mode), a volume (planes alone) and images of one row or column.
func TestBoxChainMatchesTwoPasses(t *testing.T) {
	rng := rand.New(rand.NewPCG(80, 81))
	geoms := []gips.Geometry{
		gips.Geometry2d(gips.UInt8, 67, 301), gips.Geometry2d(gips.UInt8, 1, 40), gips.Geometry2d(gips.UInt8, 50, 1),
		gips.Geometry3d(gips.UInt8, 20, 37, 3), gips.Geometry2d(gips.Int16, 41, 130), gips.Geometry2d(gips.Real32, 35, 90),
	}
	ses := []SE{Rect(3, 3), Rect(4, 2), Rect(2, 5), Rect(1, 3), Rect(5, 1), Rect(9, 9)}
	ops := []func(dst, src *gips.Image, se SE, opts ...Option) error{OpeningInto, ClosingInto, WhiteTophatInto, BlackTophatInto}
	for _, g := range geoms {
		src := newImage(t, g)
		switch g.Type {
		case gips.UInt8:
			fillRand(t, src, func() uint8 { return uint8(rng.IntN(256)) })
		case gips.Int16:
			fillRand(t, src, func() int16 { return int16(rng.IntN(65536) - 32768) })
		default:
			fillRand(t, src, func() float32 { return float32(rng.NormFloat64()) })
		}
		for oi, op := range ops {
			for si, se := range ses {
				for _, m := range modes {
					name := fmt.Sprintf("%v op %d se %d %v", g, oi, si, m)
					got, want := newImage(t, g), newImage(t, g)
					if err := op(got, src, se, WithMode(m), WithCval(7)); err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					fuseBox = false
					err := op(want, src, se, WithMode(m), WithCval(7))
					fuseBox = true
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					ga, _ := got.Array()
					wa, _ := want.Array()
					imgtest.Equal(t, name, ga, wa)
				}
			}
		}
	}
}

func newImage(t *testing.T, g gips.Geometry) *gips.Image {
	img, err := gips.CreateImage(g)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func fillRand[T gips.Pixel](t *testing.T, img *gips.Image, gen func() T) {
	ps, err := gips.WritablePlanes[T](img)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		for y := range p.Height {
			r := p.Row(y)
			for x := range r {
				r[x] = gen()
			}
		}
	}
}

// TestBoxGradientMatchesTwoPasses runs the gradient by small boxes (the
// one-pass path, boxgrad.go: odd and even sizes, whose dilation reads
// other rows than the erosion) against the dilation, erosion and
// difference through the volume-sized intermediate, in every mode, on
// images of many bands, 2D and 3D, and one row or column.
func TestBoxGradientMatchesTwoPasses(t *testing.T) {
	rng := rand.New(rand.NewPCG(82, 83))
	cases := []struct {
		g   gips.Geometry
		ses []SE
	}{
		{gips.Geometry2d(gips.UInt8, 67, 301), []SE{Rect(3, 3), Rect(4, 2), Rect(2, 5), Rect(1, 3), Rect(6, 1)}},
		{gips.Geometry2d(gips.UInt8, 1, 40), []SE{Rect(3, 3), Rect(2, 2)}},
		{gips.Geometry2d(gips.UInt16, 50, 1), []SE{Rect(3, 3), Rect(2, 4)}},
		{gips.Geometry2d(gips.Int16, 41, 130), []SE{Rect(3, 3), Rect(2, 2)}},
		{gips.Geometry2d(gips.Real32, 35, 90), []SE{Rect(3, 3), Rect(5, 2)}},
		{gips.Geometry3d(gips.UInt8, 20, 37, 5), []SE{Box(3, 3, 3), Box(2, 3, 2), Box(4, 1, 3), Box(3, 3, 1), Box(3, 9, 1)}},
		{gips.Geometry3d(gips.UInt16, 9, 13, 1), []SE{Box(3, 3, 3), Box(2, 2, 2)}},
	}
	for _, c := range cases {
		g := c.g
		src := newImage(t, g)
		switch g.Type {
		case gips.UInt8:
			fillRand(t, src, func() uint8 { return uint8(rng.IntN(256)) })
		case gips.UInt16:
			fillRand(t, src, func() uint16 { return uint16(rng.IntN(65536)) })
		case gips.Int16:
			fillRand(t, src, func() int16 { return int16(rng.IntN(65536) - 32768) })
		default:
			fillRand(t, src, func() float32 { return float32(rng.NormFloat64()) })
		}
		for si, se := range c.ses {
			for _, m := range modes {
				name := fmt.Sprintf("%v se %d %v", g, si, m)
				got, want := newImage(t, g), newImage(t, g)
				if err := GradientInto(got, src, se, WithMode(m), WithCval(7)); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				fuseBox = false
				err := GradientInto(want, src, se, WithMode(m), WithCval(7))
				fuseBox = true
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				ga, _ := got.Array()
				wa, _ := want.Array()
				imgtest.Equal(t, name, ga, wa)
			}
		}
	}
}

// TestBinCrossChainMatchesTwoPasses runs the binary erosion, dilation,
// opening and closing by the 2D cross (the in-place and fused band paths,
// bincross.go) against the same ops through the generic footprint path
// and the volume-sized intermediate (which TestBinaryMatchesScipy
// proves against scipy), with either border value, on images tall enough
// for many bands, a volume (planes alone), one row or column, and bytes
// other than 0 and 1 for true.
func TestBinCrossChainMatchesTwoPasses(t *testing.T) {
	rng := rand.New(rand.NewPCG(84, 85))
	geoms := []gips.Geometry{
		gips.Geometry2d(gips.Binary, 67, 301), gips.Geometry2d(gips.Binary, 1, 40), gips.Geometry2d(gips.Binary, 50, 1),
		gips.Geometry3d(gips.Binary, 20, 37, 3), gips.Geometry2d(gips.Binary, 2, 2),
	}
	ops := []func(dst, src *gips.Image, se SE, opts ...BinaryOption) error{BinaryOpeningInto, BinaryClosingInto, BinaryErodeInto, BinaryDilateInto}
	for _, g := range geoms {
		for density := 2; density <= 8; density += 3 {
			src := newImage(t, g)
			fillRand(t, src, func() uint8 {
				if rng.IntN(10) < density {
					return uint8(1 + rng.IntN(255))
				}
				return 0
			})
			for oi, op := range ops {
				for _, bv := range []bool{false, true} {
					name := fmt.Sprintf("%v density %d op %d border %v", g, density, oi, bv)
					got, want := newImage(t, g), newImage(t, g)
					if err := op(got, src, Cross(2), WithBorderValue(bv)); err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					fuseBox = false
					err := op(want, src, Cross(2), WithBorderValue(bv))
					fuseBox = true
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					ga, _ := got.Array()
					wa, _ := want.Array()
					imgtest.Equal(t, name, ga, wa)
				}
			}
		}
	}
}
