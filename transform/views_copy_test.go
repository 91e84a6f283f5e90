package transform

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// TestFlipRot90IntoMatchNumpy: FlipInto and Rot90Into (the registry ops'
// copies: row reversal, tiled transposes, row copies of views) against
// numpy's flip and rot90 made contiguous, for 1-, 2-, 4- and 8-byte pixels,
// in every memory arrangement of the test grid plus images wider than the
// vector and tile widths with ragged edges, at every tier (the vector
// transposes' tiles and blocks of 64 rows, the Go tiles).
func TestFlipRot90IntoMatchNumpy(t *testing.T) { eachTier(t, testFlipRot90IntoMatchNumpy) }

func testFlipRot90IntoMatchNumpy(t *testing.T) {
	rng := rand.New(rand.NewPCG(71, 72))
	type vc struct {
		name string
		vol  bool
		np   string // numpy on b
		f    func(dst, src *gips.Image) error
		geom func(g gips.Geometry) gips.Geometry
	}
	same := func(g gips.Geometry) gips.Geometry { return g }
	var cases []vc
	for _, a := range []Axis{X, Y, Z} {
		cases = append(cases, vc{"flip" + a.String(), a == Z, fmt.Sprintf("np.flip(b, %d)", -1-int(a)),
			func(d, s *gips.Image) error { return FlipInto(d, s, a) }, same})
	}
	for k := -1; k <= 4; k++ {
		for _, pl := range []Axes{XY, XZ, YZ} {
			np := map[Axes]string{XY: "(-2, -1)", XZ: "(-3, -1)", YZ: "(-3, -2)"}[pl]
			cases = append(cases, vc{fmt.Sprintf("rot90%v%d", pl, k), pl != XY, fmt.Sprintf("np.rot90(b, %d, axes=%s)", k, np),
				func(d, s *gips.Image) error { return Rot90Into(d, s, k, pl) },
				func(g gips.Geometry) gips.Geometry {
					if k%2 == 0 {
						return g
					}
					switch pl {
					case XY:
						g.SizeX, g.SizeY = g.SizeY, g.SizeX
					case XZ:
						g.SizeX, g.SizeZ = g.SizeZ, g.SizeX
					default:
						g.SizeY, g.SizeZ = g.SizeZ, g.SizeY
					}
					return g
				}})
		}
	}
	var samples []imgtest.Sample
	for _, bt := range []gips.BufferType{gips.UInt8, gips.UInt16, gips.Int32, gips.Real64} {
		samples = append(samples, imgtest.Samples(t, rng, bt, nil)...)
		for _, shape := range [][]int{{45, 70}, {6, 21, 43}, {9, 131}, {2, 139, 201}} {
			n := 1
			for _, s := range shape {
				n *= s
			}
			a := newTestArray(bt, n, shape)
			switch bt {
			case gips.UInt16:
				a = gips.ArrayOf(make([]uint16, n), shape...)
			case gips.Int32:
				a = gips.ArrayOf(make([]int32, n), shape...)
			}
			gen := imgtest.RangeValues(bt, rng)
			idx := make([]int, len(shape))
			for k := 0; k < n; k++ {
				a.Put(gen(), idx...)
				imgtest.Next(idx, shape)
			}
			img, err := gips.FromArray(a)
			if err != nil {
				t.Fatal(err)
			}
			samples = append(samples, imgtest.Sample{Name: fmt.Sprintf("%s_big%d", strings.ToLower(bt.String()), len(samples)), Img: img, Arr: a})
		}
	}
	inp := map[string]gips.Array{}
	var script strings.Builder
	for _, s := range samples {
		inp[s.Name] = s.Arr
		fmt.Fprintf(&script, "b = inp[%q]\n", s.Name)
		for _, c := range cases {
			if !c.vol || s.Img.Geometry().Volume {
				fmt.Fprintf(&script, "out['%s_%s'] = np.ascontiguousarray(%s)\n", s.Name, c.name, c.np)
			}
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, s := range samples {
		for _, c := range cases {
			if c.vol && !s.Img.Geometry().Volume {
				continue
			}
			dst, err := gips.CreateImage(c.geom(s.Img.Geometry()))
			if err != nil {
				t.Fatal(err)
			}
			if err := c.f(dst, s.Img); err != nil {
				t.Fatalf("%s %s: %v", s.Name, c.name, err)
			}
			want := ref[s.Name+"_"+c.name]
			if fmt.Sprint(dst.Geometry().Shape()) != fmt.Sprint(want.Shape) {
				t.Fatalf("%s %s: shape %v, numpy %v", s.Name, c.name, dst.Geometry().Shape(), want.Shape)
			}
			g, w := imgtest.ImageValues(t, dst), imgtest.Values(want)
			for i := range w {
				if g[i] != w[i] {
					t.Fatalf("%s %s: pixel %d: got %v, numpy %v", s.Name, c.name, i, g[i], w[i])
				}
			}
		}
	}
}

// TestFlipIntoChecksOutput: a wrong output shape or type, and a read-only
// output, are errors that say so.
func TestFlipIntoChecksOutput(t *testing.T) {
	src, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 5, 4))
	bad, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 4, 4))
	if err := Rot90Into(bad, src, 2, XY); err == nil || !strings.Contains(err.Error(), "rot90: output") {
		t.Fatalf("rot90 into a 4x4 output of a 5x4 input: %v", err)
	}
	wrongType, _ := gips.CreateImage(gips.Geometry2d(gips.UInt16, 5, 4))
	if err := FlipInto(wrongType, src, X); err == nil {
		t.Fatal("flip into a uint16 output of a uint8 input: no error")
	}
	ra := gips.ArrayOf(make([]uint8, 20), 4, 5)
	ra.ReadOnly = true
	ro, err := gips.FromArray(ra)
	if err != nil {
		t.Fatal(err)
	}
	if err := FlipInto(ro, src, X); err == nil {
		t.Fatal("flip into a read-only output: no error")
	}
	if err := FlipInto(src, src, Z); err == nil {
		t.Fatal("flip of a 2D image along z: no error")
	}
}

// TestReverseSIMDMatchesPureGo: the vector row reversal gives the Go
// loop's bytes, and both give the elements in reverse order, for every
// element size and lengths around the vector widths and unrolled steps,
// at every tier.
func TestReverseSIMDMatchesPureGo(t *testing.T) { eachTier(t, testReverse) }

func testReverse(t *testing.T) {
	rng := rand.New(rand.NewPCG(73, 74))
	for _, size := range []int{1, 2, 4, 8} {
		for _, n := range []int{0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 257, 511, 1024, 1031} {
			src := make([]byte, n*size)
			for i := range src {
				src[i] = byte(rng.IntN(256))
			}
			want := make([]byte, len(src))
			for e := 0; e < n; e++ {
				copy(want[e*size:(e+1)*size], src[(n-1-e)*size:(n-e)*size])
			}
			got := make([]byte, len(src))
			reverseRowGo(got, src, size)
			if !bytes.Equal(got, want) {
				t.Fatalf("pure Go size %d n %d: %v, want %v", size, n, got, want)
			}
			clear(got)
			reverseRow(got, src, size)
			if !bytes.Equal(got, want) {
				t.Fatalf("reverseRow (SIMD when built with it: %v) size %d n %d: %v, want %v", reverseBytes != nil, size, n, got, want)
			}
		}
	}
}
