package imageio

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testref"
)

// withDescription saves img as a TIFF and replaces its ImageJ description
// by desc, padded with empty lines to the same length so that no offset
// moves. It returns the file's path and bytes.
func withDescription(t *testing.T, img *gips.Image, desc string) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ij.tif")
	if err := Save(path, img, nil); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte("ImageJ="))
	n := bytes.IndexByte(b[i:], 0)
	if i < 0 || n < len(desc) {
		t.Fatalf("description of %d bytes cannot hold %q", n, desc)
	}
	copy(b[i:], desc+strings.Repeat("\n", n-len(desc)))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, b
}

// loadAndOpen runs Load and a read-write Open on path and checks that both
// fail with want and name field, and that the file is left as it was.
func loadAndOpen(t *testing.T, path string, before []byte, want error, field string) {
	t.Helper()
	_, err := Load(path)
	d, oerr := Open(path, ReadWrite)
	if oerr == nil {
		// Write every pixel, as a user of the mapping would: with the bug
		// this lands on the IFD.
		for i := range d.NumPlanes() {
			for y := range d.SizeY() {
				for x := range d.Row(i, y) {
					d.Row(i, y)[x] = 0xAA
				}
			}
		}
		d.Close()
	}
	for _, e := range []error{err, oerr} {
		if !errors.Is(e, want) || !strings.Contains(e.Error(), field) {
			t.Errorf("Load %v / Open %v: want %v naming %q", err, oerr, want, field)
			break
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Error("the file changed")
	}
}

// TestImageJVirtualStackCannotReachTheIFD: a one-page file whose
// description claims images=3 (slices=3) of which only the first exists;
// the bytes after it are the IFD. tifffile 2023 reads those bytes as
// planes 1 and 2; gips refuses, so that a read-write mapping can never
// overwrite the header.
func TestImageJVirtualStackCannotReachTheIFD(t *testing.T) {
	img := randomImage(t, gips.Geometry2d(gips.UInt8, 8, 8), 1)
	path, before := withDescription(t, img, "ImageJ=1.11a\nimages=3\nslices=3\n")
	loadAndOpen(t, path, before, ErrCorrupt, "images=3")
}

// TestImageJCountsMustBePositive: non-positive, non-numeric or overflowing
// counts are corrupt files, named in the error (tifffile ignores such
// metadata with a warning).
func TestImageJCountsMustBePositive(t *testing.T) {
	img := randomImage(t, gips.Geometry3d(gips.UInt8, 8, 8, 2), 2)
	for _, c := range []struct{ desc, field string }{
		{"channels=-1\nslices=-2", "channels=-1"},
		{"slices=0", "slices=0"},
		{"frames=two", "frames=two"},
		{"images=-5", "images=-5"},
		// 274177 * 67280421310721 = 2^64 + 1: the product wraps to 1.
		{"channels=274177\nslices=67280421310721", "overflows"},
		{"channels=4611686018427387904\nslices=4", "overflows"},
	} {
		t.Run(c.field, func(t *testing.T) {
			path, before := withDescription(t, img, "ImageJ=1.11a\n"+c.desc+"\n")
			loadAndOpen(t, path, before, ErrCorrupt, c.field)
		})
	}
}

// TestImageJTooFewPagesFallsBackLikeTifffile: a two-page tifffile
// hyperstack whose description claims three slices reads as the two pages
// that exist, as tifffile reads it.
func TestImageJTooFewPagesFallsBackLikeTifffile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "two.tif")
	out := testref.Run(t, `import tifffile
p = bytes(inp['path']).decode()
tifffile.imwrite(p, np.arange(2 * 5 * 7, dtype=np.uint16).reshape(2, 5, 7), imagej=True, metadata={'axes': 'ZYX'})
b = open(p, 'rb').read()
assert b.count(b'images=2\nslices=2') == 1
open(p, 'wb').write(b.replace(b'images=2\nslices=2', b'images=3\nslices=3'))
out['a'] = tifffile.imread(p)`, map[string]gips.Array{"path": pathArray(path)})
	if len(out["a"].Shape) != 3 || out["a"].Shape[0] != 2 {
		t.Fatalf("tifffile reads shape %v, want (2, 5, 7)", out["a"].Shape)
	}
	img, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	checkAgainst(t, img, out["a"])
	d, err := Open(path, ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	checkAgainst(t, d.Image, out["a"])
}

// TestOpenRefusesPixelsOverTheHeader: a strip that starts at offset 0
// reads the header as pixels. Load may read those bytes (so does
// tifffile), but a mapping must not offer them for writing.
func TestOpenRefusesPixelsOverTheHeader(t *testing.T) {
	fields := baseFields(8, 8, 64)
	fields[3] = [2]uint32{tagStripOffsets, 0}
	data := tinyTIFF(fields, 0)
	path := filepath.Join(t.TempDir(), "h.tif")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err != nil {
		t.Fatalf("Load: %v", err)
	}
	d, err := Open(path, ReadWrite)
	if err == nil {
		d.Close()
	}
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "header or IFDs") {
		t.Errorf("Open of a page over the header: %v, want ErrCorrupt", err)
	}
}
