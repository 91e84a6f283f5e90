package main

import (
	"path/filepath"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
)

// TestConvertThroughNpyKeepsGeometryAndPixels: a TIFF of each 4D or 5D
// layout converted to .npy and back equals the original, pixel for pixel
// and in geometry (the .npy holds no calibration, so that is not
// compared). The RGB and multi-channel volumes are 4D arrays, the
// sequences 5D ones.
func TestConvertThroughNpyKeepsGeometryAndPixels(t *testing.T) {
	rgbSeq := gips.GeometryRgb2d(gips.UInt8, 6, 5)
	rgbSeq.SizeT, rgbSeq.Sequence = 2, true
	for _, g := range []gips.Geometry{
		gips.GeometryRgb3d(gips.UInt8, 6, 5, 4),
		gips.GeometryMultiChannel3d(gips.UInt16, 6, 5, 4, 2),
		gips.GeometrySequence3d(gips.Real32, 6, 5, 4, 3),
		rgbSeq,
	} {
		t.Run(g.String(), func(t *testing.T) {
			dir := t.TempDir()
			img, err := gips.CreateImage(g)
			if err != nil {
				t.Fatal(err)
			}
			// A counter in C order, wrapped to fit every type, so that a
			// plane or axis out of place shows.
			a, _ := img.Array()
			n := 0
			each(a.Shape, func(idx []int) { a.Put(float64(n%251), idx...); n++ })
			in, npy, out := filepath.Join(dir, "in.tif"), filepath.Join(dir, "mid.npy"), filepath.Join(dir, "out.tif")
			if err := imageio.Save(in, img, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := gipsRun(t, "convert", in, npy); err != nil {
				t.Fatal(err)
			}
			if _, err := gipsRun(t, "convert", npy, out); err != nil {
				t.Fatalf("convert back: %v", err)
			}
			back, err := imageio.Load(out)
			if err != nil {
				t.Fatal(err)
			}
			if back.Geometry() != g {
				t.Fatalf("round trip gives %v, want %v", back.Geometry(), g)
			}
			b, _ := back.Array()
			each(a.Shape, func(idx []int) {
				if b.Get(idx...) != a.Get(idx...) {
					t.Fatalf("pixel %v: %v, want %v", idx, b.Get(idx...), a.Get(idx...))
				}
			})
		})
	}
}

// each calls f with every index of shape in C order.
func each(shape []int, f func(idx []int)) {
	idx := make([]int, len(shape))
	for {
		f(idx)
		k := len(shape) - 1
		for ; k >= 0; k-- {
			if idx[k]++; idx[k] < shape[k] {
				break
			}
			idx[k] = 0
		}
		if k < 0 {
			return
		}
	}
}
