package imageio

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testref"
)

// copyFixture copies a committed fixture to a temporary file that a test
// may write through a mapping.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	src := fixturePath(t, name)
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// checkInMapping verifies that every shared plane's memory lies inside the
// mapping and every other plane is listed as copied.
func checkInMapping(t *testing.T, d *Disk, wantShared bool) {
	t.Helper()
	m := d.Mapped()
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(m)))
	hi := lo + uintptr(len(m))
	_, copied := d.Shared()
	isCopied := map[int]bool{}
	for _, i := range copied {
		isCopied[i] = true
	}
	for i, p := range d.PlaneArrays() {
		a := uintptr(unsafe.Pointer(unsafe.SliceData(p.Data)))
		inside := a >= lo && a+uintptr(len(p.Data)) <= hi
		if inside == isCopied[i] {
			t.Errorf("plane %d: inside the mapping %v, listed as copied %v", i, inside, isCopied[i])
		}
	}
	if wantShared && len(copied) > 0 {
		t.Errorf("planes %v copied, want every plane in the mapping", copied)
	}
}

// TestOpenMapsPagesInPlace opens uncompressed fixtures written by tifffile
// and numpy and compares them with the reference readers' arrays.
func TestOpenMapsPagesInPlace(t *testing.T) {
	m := loadManifest(t)
	for _, c := range []struct {
		name   string
		shared bool // every plane points into the mapping
	}{
		{"dtype_u2", true}, {"dtype_f8", true}, {"dtype_i1", true}, {"bigtiff_u2", true},
		{"ij_tzcyx_u2", true}, {"ij_zyx_f4", true}, {"rgb_planar_u1", true}, {"uneven_pages_u2", true},
		{"strips_u1", true}, {"ij_one_ifd_u2", true}, {"be_u2", false}, {"rgb_chunky_u1", false},
		{"npy_le_u2_C", true}, {"npy_be_f8_C", false}, {"npy_le_i4_F", false}, {"npy_b1_C", true}, {"npy_2d_u2", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Open(fixturePath(t, c.name), ReadOnly)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			want, err := testref.ReadNpy(filepath.Join("testdata/fixtures", c.name+".expect.npy"))
			if err != nil {
				t.Fatal(err)
			}
			checkGeometry(t, d.Image, m[c.name])
			checkCalibration(t, d.Image, m[c.name])
			checkAgainst(t, d.Image, want)
			checkInMapping(t, d, c.shared)
			if !d.ReadOnly() {
				t.Error("a read-only Open gave a writable image")
			}
		})
	}
}

func TestOpenRefusesCompressedPages(t *testing.T) {
	for _, name := range []string{"zlib_pred_u2", "tiled_u2", "bilevel", "lzw_u1"} {
		if _, err := Open(fixturePath(t, name), ReadOnly); !errors.Is(err, ErrNotMappable) {
			t.Errorf("%s: error %v, want ErrNotMappable", name, err)
		}
	}
}

// TestOpenReadWriteFlushSeenByReference writes one pixel through a
// read-write mapping and reads it back with tifffile or numpy.
func TestOpenReadWriteFlushSeenByReference(t *testing.T) {
	for _, c := range []struct {
		name, read string
	}{
		{"dtype_u2", "tifffile.imread(p)"},
		{"be_u2", "tifffile.imread(p)"}, // copied planes, written back by Flush
		{"uneven_pages_u2", "np.stack([q.asarray() for q in tifffile.TiffFile(p).pages])"},
		{"npy_le_u2_C", "np.load(p)"},
		{"npy_be_u2_F", "np.load(p)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := copyFixture(t, c.name)
			d, err := Open(path, ReadWrite)
			if err != nil {
				t.Fatal(err)
			}
			if d.ReadOnly() {
				t.Fatal("read-write Open gave a read-only image")
			}
			planes, err := gips.WritablePlanes[uint16](d.Image)
			if err != nil {
				t.Fatal(err)
			}
			planes[1].Set(3, 4, 54321) // (x=3, y=4) of plane 1 exists in every fixture used here
			if err := d.Flush(); err != nil {
				t.Fatal(err)
			}
			// Check through the reference while the mapping is still open.
			out := testref.Run(t, "import tifffile\np = bytes(inp['path']).decode()\nout['v'] = np.array(float("+c.read+"[1, 4, 3]))",
				map[string]gips.Array{"path": pathArray(path)})
			if v := out["v"].Get(); v != 54321 {
				t.Errorf("reference reads %v after Flush, want 54321", v)
			}
			if err := d.Close(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestOpenReadOnlyRefusesWrites(t *testing.T) {
	d, err := Open(fixturePath(t, "dtype_u2"), ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := gips.WritablePlanes[uint16](d.Image); !errors.Is(err, gips.ErrReadOnly) {
		t.Errorf("WritablePlanes on a read-only disk image: %v", err)
	}
	if err := d.Flush(); !errors.Is(err, gips.ErrReadOnly) {
		t.Errorf("Flush on a read-only disk image: %v", err)
	}
}

// TestOpenRawBothByteOrders maps a raw file written by numpy's tofile in
// each byte order.
func TestOpenRawBothByteOrders(t *testing.T) {
	g := gips.Geometry3d(gips.Int16, 7, 5, 3)
	img := randomImage(t, g, 3)
	for _, order := range []string{"<", ">"} {
		path := filepath.Join(t.TempDir(), "v.raw")
		testref.Run(t, "p = bytes(inp['path']).decode()\nf = open(p, 'wb'); f.write(b'HEADER!!'); inp['a'].astype('"+order+"i2').tofile(f); f.close()",
			map[string]gips.Array{"path": pathArray(path), "a": imageArray(t, img)})
		bo := byteOrderOf(order)
		d, err := OpenRaw(path, g, 8, bo, ReadOnly)
		if err != nil {
			t.Fatal(err)
		}
		sameImage(t, d.Image, img)
		if ok, _ := d.Shared(); ok != (order == "<") {
			t.Errorf("order %s: shared %v", order, ok)
		}
		d.Close()
		back, err := LoadRaw(path, g, 8, bo)
		if err != nil {
			t.Fatal(err)
		}
		sameImage(t, back, img)
	}
}

func TestDiskCloseTwiceAndFlushAfterClose(t *testing.T) {
	d, err := Open(copyFixture(t, "dtype_u2"), ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := d.Flush(); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Flush after Close: %v, want os.ErrClosed", err)
	}
}
