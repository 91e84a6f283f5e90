package imageio

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testref"
)

// TestSaveNpyReadByNumpy writes every buffer type and layout as .npy and
// reads it with numpy.load: same shape, dtype and bytes.
func TestSaveNpyReadByNumpy(t *testing.T) {
	testref.Python(t)
	dir := t.TempDir()
	geoms := []gips.Geometry{gips.Geometry2d(gips.UInt16, 7, 5), gips.GeometryRgb3d(gips.UInt8, 7, 5, 2),
		gips.GeometrySequence2d(gips.Real32, 7, 5, 3), gips.Geometry3d(gips.Binary, 7, 5, 3)}
	for _, bt := range []gips.BufferType{gips.Int8, gips.Int16, gips.UInt32, gips.Int32, gips.Real64} {
		geoms = append(geoms, gips.Geometry3d(bt, 7, 5, 3))
	}
	for i, g := range geoms {
		img := randomImage(t, g, uint64(100+i))
		path := filepath.Join(dir, "a.npy")
		if err := Save(path, img, nil); err != nil {
			t.Fatal(err)
		}
		out := testref.Run(t, "a = np.load(bytes(inp['path']).decode())\nout['a'] = a\nout['kind'] = np.frombuffer(a.dtype.kind.encode(), np.uint8)",
			map[string]gips.Array{"path": pathArray(path)})
		checkAgainst(t, img, out["a"])
		wantKind := map[bool]string{true: "b", false: string(out["a"].DType[1])}[g.Type == gips.Binary]
		if got := string(out["kind"].Data); got != wantKind {
			t.Errorf("%v: numpy dtype kind %s, want %s", g, got, wantKind)
		}
		if g.Volume && g.Color == gips.Grey && !g.Sequence {
			back, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			sameImage(t, back, img)
		}
	}
}

// TestSavePNGReadByCv2 writes 8/16-bit grey and RGB PNGs and reads them
// with OpenCV.
func TestSavePNGReadByCv2(t *testing.T) {
	testref.Python(t)
	dir := t.TempDir()
	for i, g := range []gips.Geometry{gips.Geometry2d(gips.UInt8, 17, 13), gips.Geometry2d(gips.UInt16, 17, 13),
		gips.GeometryRgb2d(gips.UInt8, 17, 13), gips.GeometryRgb2d(gips.UInt16, 17, 13)} {
		img := randomImage(t, g, uint64(200+i))
		path := filepath.Join(dir, "a.png")
		if err := Save(path, img, nil); err != nil {
			t.Fatal(err)
		}
		out := testref.Run(t, `import cv2
a = cv2.imread(bytes(inp['path']).decode(), cv2.IMREAD_UNCHANGED)
out['a'] = np.moveaxis(a[..., ::-1], -1, 0) if a.ndim == 3 else a`, map[string]gips.Array{"path": pathArray(path)})
		checkAgainst(t, img, out["a"])
		if got, _ := out["a"].DType.BufferType(); got != g.Type {
			t.Errorf("%v: cv2 reads dtype %s", g, out["a"].DType)
		}
		back, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		sameImage(t, back, img)
	}
	if err := Save(filepath.Join(dir, "v.png"), randomImage(t, gips.Geometry3d(gips.UInt8, 3, 3, 2), 1), nil); !errors.Is(err, ErrUnsupported) {
		t.Errorf("PNG of a volume: %v, want ErrUnsupported", err)
	}
}

// TestSaveRawReadByNumpy writes raw files in both byte orders and reads
// them with numpy.fromfile.
func TestSaveRawReadByNumpy(t *testing.T) {
	testref.Python(t)
	g := gips.Geometry3d(gips.Real32, 7, 5, 3)
	img := randomImage(t, g, 300)
	for _, order := range []string{"<", ">"} {
		path := filepath.Join(t.TempDir(), "a.raw")
		if err := SaveRaw(path, img, byteOrderOf(order)); err != nil {
			t.Fatal(err)
		}
		out := testref.Run(t, "out['a'] = np.fromfile(bytes(inp['path']).decode(), dtype='"+order+"f4').reshape(3, 5, 7)",
			map[string]gips.Array{"path": pathArray(path)})
		checkAgainst(t, img, out["a"])
	}
}

// TestSaveIsAtomic checks that a failed save leaves the previous file and
// no temporary file behind.
func TestSaveIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.png")
	if err := os.WriteFile(path, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A volume cannot be a PNG: the encoder fails after the file is created.
	err := Save(path, randomImage(t, gips.Geometry3d(gips.UInt8, 3, 3, 2), 1), nil)
	if err == nil {
		t.Fatal("saving a volume as PNG succeeded")
	}
	if b, _ := os.ReadFile(path); string(b) != "previous" {
		t.Errorf("previous file now holds %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("folder holds %d entries after a failed save, want 1", len(ents))
	}
	if err := Save(filepath.Join(dir, "a.jpg"), randomImage(t, gips.Geometry2d(gips.UInt8, 3, 3), 1), nil); !errors.Is(err, ErrFormat) {
		t.Errorf("save .jpg: %v, want ErrFormat", err)
	}
}

func TestLoadRejectsUnknownSignature(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.tif")
	os.WriteFile(path, []byte("GIF89a......"), 0o644)
	if _, err := Load(path); !errors.Is(err, ErrFormat) {
		t.Errorf("load of a GIF named .tif: %v, want ErrFormat", err)
	}
}
