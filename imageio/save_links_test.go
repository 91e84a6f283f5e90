package imageio

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gipsdev/gips"
)

// saveAndCheck saves a new image through path and checks that file (the
// real file) now holds it.
func saveAndCheck(t *testing.T, path, file string) {
	t.Helper()
	img := randomImage(t, gips.Geometry2d(gips.UInt16, 5, 4), 9)
	if err := Save(path, img, nil); err != nil {
		t.Fatal(err)
	}
	back, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	sameImage(t, back, img)
}

// entries lists a folder's names: a leftover temporary file shows here.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func writeOld(t *testing.T, path string, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}

func TestSaveKeepsPermissions(t *testing.T) {
	for _, mode := range []fs.FileMode{0o600, 0o640, 0o755, 0o444} {
		path := filepath.Join(t.TempDir(), "a.tif")
		writeOld(t, path, mode)
		saveAndCheck(t, path, path)
		if st, _ := os.Stat(path); st.Mode().Perm() != mode {
			t.Errorf("mode %v after saving over a %v file", st.Mode().Perm(), mode)
		}
	}
	path := filepath.Join(t.TempDir(), "new.npy")
	saveAndCheck(t, path, path)
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("new file: mode %v, want 0644", st.Mode().Perm())
	}
}

// TestSaveWritesThroughSymlinks: the link stays a link (with the same
// text), its target gets the image and keeps its mode, and no temporary
// file is left in either folder. The link's folder is on another file
// system where there is one (/dev/shm), so that a temporary file made
// there could not be renamed onto the target.
func TestSaveWritesThroughSymlinks(t *testing.T) {
	root := t.TempDir()
	linkDir := t.TempDir()
	if d, err := os.MkdirTemp("/dev/shm", "gips"); err == nil {
		linkDir = d
		t.Cleanup(func() { os.RemoveAll(d) })
	}
	real := filepath.Join(root, "real.tif")
	writeOld(t, real, 0o640)
	rel, err := filepath.Rel(linkDir, real)
	if err != nil {
		rel = real
	}
	// A chain: link -> (absolute) mid -> (relative) real.
	mid := filepath.Join(root, "mid.tif")
	mustLink(t, "real.tif", mid)
	link := filepath.Join(linkDir, "link.tif")
	mustLink(t, mid, link)
	direct := filepath.Join(linkDir, "direct.tif")
	mustLink(t, rel, direct)
	for _, p := range []string{link, direct} {
		saveAndCheck(t, p, real)
	}
	for p, text := range map[string]string{link: mid, direct: rel, mid: "real.tif"} {
		if got, err := os.Readlink(p); err != nil || got != text {
			t.Errorf("%s: link now %q (%v), want %q", p, got, err, text)
		}
	}
	if st, _ := os.Stat(real); st.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v, want 0640", st.Mode().Perm())
	}
	if got := entries(t, root); !slices.Equal(got, []string{"mid.tif", "real.tif"}) {
		t.Errorf("target folder holds %v", got)
	}
	if got := entries(t, linkDir); !slices.Equal(got, []string{"direct.tif", "link.tif"}) {
		t.Errorf("link folder holds %v", got)
	}
}

// TestSaveThroughDanglingAndRelativeLinks: a dangling link is written
// through (its target is created), and "..", in a link that lies in a
// folder reached through a symlinked folder, means what the kernel makes
// of it: the parent of the real folder.
func TestSaveThroughDanglingAndRelativeLinks(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "real", "sub")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	mustLink(t, filepath.Join("real", "sub"), filepath.Join(root, "alias"))
	mustLink(t, filepath.Join("..", "target.tif"), filepath.Join(sub, "up.tif"))
	mustLink(t, "new.tif", filepath.Join(sub, "dangling.tif"))

	saveAndCheck(t, filepath.Join(root, "alias", "dangling.tif"), filepath.Join(sub, "new.tif"))
	saveAndCheck(t, filepath.Join(root, "alias", "up.tif"), filepath.Join(root, "real", "target.tif"))
	for _, p := range []string{filepath.Join(sub, "up.tif"), filepath.Join(sub, "dangling.tif")} {
		if st, err := os.Lstat(p); err != nil || st.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link", p)
		}
	}
	if _, err := os.Lstat(filepath.Join(root, "target.tif")); err == nil {
		t.Error("wrote root/target.tif: '..' taken from the link's path, not its real folder")
	}
}

// TestSaveRefusesWhatIsNotAFile: a link to a folder (or a device) must not
// be replaced by a regular file.
func TestSaveRefusesWhatIsNotAFile(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "d.tif")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "l.tif")
	mustLink(t, "d.tif", link)
	img := randomImage(t, gips.Geometry2d(gips.UInt8, 3, 3), 1)
	if err := Save(link, img, nil); err == nil {
		t.Error("saving through a link to a folder succeeded")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Errorf("the folder is gone: %v", err)
	}
	if got := entries(t, root); !slices.Equal(got, []string{"d.tif", "l.tif"}) || len(entries(t, dir)) != 0 {
		t.Errorf("left %v and %v", got, entries(t, dir))
	}
}

func mustLink(t *testing.T, text, path string) {
	t.Helper()
	if err := os.Symlink(text, path); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}
