package imageio

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testref"
)

// fixture is one entry of testdata/manifest.json, written by
// testdata/gen_fixtures.py from what the reference reader (tifffile, PIL's
// libtiff, numpy, cv2) returns for the file.
type fixture struct {
	Axes   string
	Shape  []int
	DType  string
	Color  string
	Reader string
	Cal    *struct {
		X, Y, Z float64
		Unit    string
	}
}

func loadManifest(t *testing.T) map[string]fixture {
	t.Helper()
	b, err := os.ReadFile("testdata/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]fixture
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// fixturePath finds the fixture file of a manifest entry.
func fixturePath(t *testing.T, name string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata/fixtures", name+".*"))
	for _, f := range files {
		if !strings.HasSuffix(f, ".expect.npy") {
			return f
		}
	}
	t.Fatalf("no fixture file for %s", name)
	return ""
}

// checkAgainst compares an image with a reference array in gips order,
// byte for byte, plane by plane and row by row.
func checkAgainst(t *testing.T, img *gips.Image, want gips.Array) {
	t.Helper()
	g := img.Geometry()
	if got := g.Shape(); !equalInts(got, want.Shape) {
		t.Fatalf("shape %v (geometry %v), reference %v", got, g, want.Shape)
	}
	isz := g.Type.ItemSize()
	if want.DType.ItemSize() != isz {
		t.Fatalf("item size %d, reference dtype %s", isz, want.DType)
	}
	rowBytes := g.SizeX * isz
	for i := range img.NumPlanes() {
		for y := range g.SizeY {
			o := (i*g.SizeY + y) * rowBytes
			if got, ref := img.Row(i, y), want.Data[o:o+rowBytes]; !bytes.Equal(got, ref) {
				z, c, tt := g.PlaneCoords(i)
				t.Fatalf("plane (z=%d c=%d t=%d) row %d:\n got % x\nwant % x", z, c, tt, y, got, ref)
			}
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkGeometry compares the axes, colour model and type with the manifest.
func checkGeometry(t *testing.T, img *gips.Image, fx fixture) {
	t.Helper()
	g := img.Geometry()
	if g.Volume != strings.Contains(fx.Axes, "Z") || g.Sequence != strings.Contains(fx.Axes, "T") {
		t.Errorf("geometry %v, reference axes %s", g, fx.Axes)
	}
	color := map[gips.ColorModel]string{gips.Grey: "grey", gips.RGB: "rgb", gips.MultiChannel: "multi"}[g.Color]
	if color != fx.Color {
		t.Errorf("colour %v, reference %s", g.Color, fx.Color)
	}
	wantType, err := gips.DType(fx.DType).BufferType()
	if err != nil {
		t.Fatal(err)
	}
	if g.Type != wantType {
		t.Errorf("type %v, reference dtype %s", g.Type, fx.DType)
	}
}

func checkCalibration(t *testing.T, img *gips.Image, fx fixture) {
	t.Helper()
	if fx.Cal == nil {
		return
	}
	c := img.Calibration()
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Abs(b) }
	if !near(c.X, fx.Cal.X) || !near(c.Y, fx.Cal.Y) || !near(c.Z, fx.Cal.Z) {
		t.Errorf("calibration %+v, reference %+v", c, *fx.Cal)
	}
	if fx.Cal.Unit != "" && c.Unit != fx.Cal.Unit {
		t.Errorf("unit %q, reference %q", c.Unit, fx.Cal.Unit)
	}
}

// TestLoadMatchesReferenceReaders reads every fixture and compares it bit
// for bit with what tifffile, libtiff (PIL), numpy or cv2 read from it.
func TestLoadMatchesReferenceReaders(t *testing.T) {
	for name, fx := range loadManifest(t) {
		t.Run(name, func(t *testing.T) {
			img, err := Load(fixturePath(t, name))
			if err != nil {
				t.Fatal(err)
			}
			want, err := testref.ReadNpy(filepath.Join("testdata/fixtures", name+".expect.npy"))
			if err != nil {
				t.Fatal(err)
			}
			checkGeometry(t, img, fx)
			checkAgainst(t, img, want)
			checkCalibration(t, img, fx)
		})
	}
}
