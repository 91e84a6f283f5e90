package imageio

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/gipsdev/gips"
)

// A file written plane by plane, in reverse order, is byte for byte the
// file Save writes: same header, same layout, same IFDs.
func TestPlaneWriterMatchesSave(t *testing.T) {
	dir := t.TempDir()
	geoms := []gips.Geometry{
		gips.Geometry3d(gips.UInt16, 13, 7, 5),
		gips.Geometry3d(gips.Real32, 4, 3, 1),
		gips.Geometry2d(gips.UInt8, 9, 4),
		gips.Geometry3d(gips.Binary, 11, 5, 3),
		gips.GeometryRgb3d(gips.UInt8, 5, 4, 3),
		gips.GeometryMultiChannel3d(gips.Int16, 3, 4, 2, 4),
		gips.GeometrySequence3d(gips.Real64, 3, 2, 2, 3),
	}
	for gi, g := range geoms {
		img := randomImage(t, g, uint64(gi))
		cal := gips.DefaultCalibration
		cal.X, cal.Z, cal.Unit = 0.5, 2, "um"
		img.SetCalibration(cal)
		for _, ext := range []string{".npy", ".tif", ".raw"} {
			want := filepath.Join(dir, "save"+ext)
			if err := Save(want, img, nil); err != nil {
				t.Fatal(err)
			}
			got := filepath.Join(dir, "planes"+ext)
			w, err := Create(got, g, cal, nil)
			if err != nil {
				t.Fatal(err)
			}
			for i := img.NumPlanes() - 1; i >= 0; i-- {
				if err := w.WritePlane(i, img, i); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Commit(); err != nil {
				t.Fatal(err)
			}
			a, _ := os.ReadFile(want)
			b, _ := os.ReadFile(got)
			if !bytes.Equal(a, b) {
				t.Fatalf("%v %s: plane by plane (%d bytes) differs from Save (%d bytes)", g, ext, len(b), len(a))
			}
		}
	}
}

// A writer that is aborted, or not given every plane, leaves no file and
// keeps the old one.
func TestPlaneWriterAbortLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	g := gips.Geometry3d(gips.UInt8, 4, 4, 3)
	img := randomImage(t, g, 1)
	path := filepath.Join(dir, "out.npy")
	w, err := Create(path, g, gips.DefaultCalibration, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.WritePlane(0, img, 0)
	if err := w.Commit(); err == nil {
		t.Fatal("commit with 2 planes missing succeeded")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("target after a failed commit: %v", err)
	}
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	w, err = Create(path, g, gips.DefaultCalibration, nil)
	if err != nil {
		t.Fatal(err)
	}
	tmp := w.TempName()
	w.WritePlane(1, img, 1)
	w.Abort()
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("target after abort: %q", b)
	}
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("temporary file after abort: %v", err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Fatalf("folder holds %d files, want only the old target", len(ents))
	}
	if _, err := Create(filepath.Join(dir, "x.png"), g, gips.DefaultCalibration, nil); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("png: %v, want ErrUnsupported", err)
	}
	if _, err := Create(filepath.Join(dir, "x.tif"), g, gips.DefaultCalibration, &Options{Compression: Deflate}); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("deflate tiff: %v, want ErrUnsupported", err)
	}
	if err := w.WritePlane(0, img, 0); err == nil {
		t.Fatal("write after abort succeeded")
	}
}

// Bands of rows, written plane after plane in reverse, make Save's file too.
func TestPlaneWriterRowsMatchSave(t *testing.T) {
	dir := t.TempDir()
	g := gips.Geometry3d(gips.Real32, 7, 10, 4)
	img := randomImage(t, g, 3)
	for _, ext := range []string{".npy", ".tif"} {
		want := filepath.Join(dir, "save"+ext)
		if err := Save(want, img, nil); err != nil {
			t.Fatal(err)
		}
		got := filepath.Join(dir, "rows"+ext)
		w, err := Create(got, g, img.Calibration(), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, band := range [][2]int{{6, 10}, {3, 6}, {0, 3}} {
			v, err := img.Region(0, band[0], 0, g.SizeX, band[1]-band[0], g.SizeZ)
			if err != nil {
				t.Fatal(err)
			}
			for i := g.SizeZ - 1; i >= 0; i-- {
				if err := w.WriteRows(i, band[0], v, i); err != nil {
					t.Fatal(err)
				}
			}
			if band[0] > 0 {
				if err := w.Commit(); err == nil {
					t.Fatal("commit with rows missing succeeded")
				}
				if w, err = Create(got, g, img.Calibration(), nil); err != nil {
					t.Fatal(err)
				}
				break
			}
		}
		// A complete run: every band.
		for _, band := range [][2]int{{6, 10}, {3, 6}, {0, 3}} {
			v, _ := img.Region(0, band[0], 0, g.SizeX, band[1]-band[0], g.SizeZ)
			for i := range g.SizeZ {
				if err := w.WriteRows(i, band[0], v, i); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		a, _ := os.ReadFile(want)
		b, _ := os.ReadFile(got)
		if !bytes.Equal(a, b) {
			t.Fatalf("%s: written in bands differs from Save", ext)
		}
	}
}
