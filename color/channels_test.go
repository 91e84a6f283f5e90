package color

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// TestSplitMergeAreViews: channels split from an RGB volume and merged
// back share its memory: a write through any of them is read through the
// others, at the same pixel.
func TestSplitMergeAreViews(t *testing.T) {
	img, _ := gips.CreateImage(gips.GeometryRgb3d(gips.Int16, 4, 3, 2))
	chs, err := SplitChannels(img)
	if err != nil || len(chs) != 3 {
		t.Fatal(chs, err)
	}
	merged, err := MergeChannels(chs...)
	if err != nil {
		t.Fatal(err)
	}
	if merged.Geometry() != img.Geometry() {
		t.Fatalf("merged %v, image %v", merged.Geometry(), img.Geometry())
	}
	n := int16(1)
	for c := 0; c < 3; c++ {
		for z := 0; z < 2; z++ {
			for y := 0; y < 3; y++ {
				for x := 0; x < 4; x++ {
					cp, _ := gips.PlaneAt[int16](chs[c], z, 0, 0)
					cp.Set(x, y, n)
					ip, _ := gips.PlaneAt[int16](img, z, c, 0)
					mp, _ := gips.PlaneAt[int16](merged, z, c, 0)
					if ip.At(x, y) != n || mp.At(x, y) != n {
						t.Fatalf("channel %d (%d,%d,%d): wrote %d, image reads %d, merged %d", c, x, y, z, n, ip.At(x, y), mp.At(x, y))
					}
					mp.Set(x, y, -n)
					if cp.At(x, y) != -n {
						t.Fatalf("write through the merged image not seen in channel %d", c)
					}
					n++
				}
			}
		}
	}
}

// TestGreyToRgb: three copies of the grey image, its type kept, not a view.
func TestGreyToRgb(t *testing.T) {
	data := []uint16{1, 2, 3, 4, 5, 6}
	img, _ := gips.FromArray(gips.ArrayOf(data, 2, 3))
	rgb, err := GreyToRgb(img)
	if err != nil {
		t.Fatal(err)
	}
	if g := rgb.Geometry(); g.Color != gips.RGB || g.Type != gips.UInt16 || fmt.Sprint(g.Shape()) != "[3 2 3]" {
		t.Fatalf("geometry %v", g)
	}
	got := imgtest.ImageValues(t, rgb)
	for c := 0; c < 3; c++ {
		for i, v := range data {
			if got[c*6+i] != float64(v) {
				t.Fatalf("channel %d pixel %d: %v, want %v", c, i, got[c*6+i], v)
			}
		}
	}
	data[0] = 99
	if imgtest.ImageValues(t, rgb)[0] == 99 {
		t.Fatal("greyToRgb shares memory with its input")
	}
}

// TestColorErrors: wrong channel counts and types are errors naming them.
func TestColorErrors(t *testing.T) {
	grey, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 3, 3))
	rgb, _ := gips.CreateImage(gips.GeometryRgb2d(gips.UInt8, 3, 3))
	lab, _ := gips.CreateImage(gips.GeometryRgb2d(gips.Label16, 3, 3))
	rgbF, _ := gips.CreateImage(gips.GeometryRgb2d(gips.Real64, 3, 3))
	cases := []struct {
		err  error
		want string
		is   error
	}{
		{second(RgbToGrey(grey)), "1 channels: want 3", gips.ErrShape},
		{second(RgbToLab(lab)), "input type Label16", gips.ErrBufferType},
		{second(RgbToHsv(rgb, WithOutput(gips.Label16))), "output type Label16", gips.ErrBufferType},
		{second(RgbToLab(rgb, WithOutput(gips.UInt16))), "output type UInt16: want Real32, Real64 or UInt8", gips.ErrBufferType},
		{second(GreyToRgb(rgb)), "want a grey image", gips.ErrShape},
		{second(MergeChannels(grey, rgb)), "channel 1", gips.ErrShape},
		{RgbToGreyInto(rgbF, rgb), "rgbToGrey: output", gips.ErrShape},
	}
	for i, c := range cases {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) || !errors.Is(c.err, c.is) {
			t.Errorf("case %d: got %v, want an error containing %q wrapping %v", i, c.err, c.want, c.is)
		}
	}
}

func second(_ any, err error) error { return err }

// TestGreyToRgbLayouts: every grey layout (padded, flipped, volumes, time
// series) and a 4096x300 image (parallel bands) give three channels whose
// rows hold the input's bytes, row by row, in copies of their own.
func TestGreyToRgbLayouts(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	big := imgtest.Layout{Name: "big", Shape: []int{300, 4096}, Base: []int{300, 4096},
		View: func(a gips.Array) gips.Array { return a }, Geom: imgtest.Layouts[0].Geom}
	for _, l := range append(imgtest.Layouts, big) {
		for _, bt := range []gips.BufferType{gips.UInt8, gips.Int16, gips.Real64} {
			img, _ := imgtest.Make(bt, l, rng)
			g := img.Geometry()
			if g.SizeC != 1 {
				continue
			}
			rgb, err := GreyToRgb(img)
			if err != nil {
				t.Fatalf("%s %v: %v", l.Name, bt, err)
			}
			if gr := rgb.Geometry(); gr.SizeC != 3 || gr.Type != bt || gr.SizeZ != g.SizeZ || gr.SizeT != g.SizeT {
				t.Fatalf("%s %v: geometry %v", l.Name, bt, gr)
			}
			for z := range g.SizeZ {
				for tt := range g.SizeT {
					for c := range 3 {
						for y := range g.SizeY {
							want, got := img.Row(g.PlaneIndex(z, 0, tt), y), rgb.Row(rgb.Geometry().PlaneIndex(z, c, tt), y)
							if !bytes.Equal(got, want) {
								t.Fatalf("%s %v: z %d t %d channel %d row %d differs", l.Name, bt, z, tt, c, y)
							}
							if &got[0] == &want[0] {
								t.Fatalf("%s %v: channel %d row %d is the input's memory", l.Name, bt, c, y)
							}
						}
					}
				}
			}
		}
	}
}
