package imageio

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gipsdev/gips"
)

// TestDiskImageOutlivesClose opens mapped files, closes them, collects
// garbage and reads every pixel of the image, of a view and of an array
// taken before Close. Reading unmapped memory is a SIGSEGV that no recover
// catches, so the reading runs in a child process; its time bound only
// guards against a hang.
func TestDiskImageOutlivesClose(t *testing.T) {
	if os.Getenv("GIPS_IMAGEIO_CLOSE_CHILD") == "1" {
		readAfterClose(t)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestDiskImageOutlivesClose$", "-test.v")
	cmd.Env = append(os.Environ(), "GIPS_IMAGEIO_CLOSE_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestDiskImageOutlivesClose") {
		t.Fatalf("child: %v\n%s", err, out)
	}
}

func readAfterClose(t *testing.T) {
	// Strided TIFF, pages at uneven offsets (one array per page), copied
	// planes (big-endian), .npy, and a read-write mapping.
	for _, name := range []string{"ij_tzcyx_u2", "uneven_pages_u2", "be_u2", "npy_le_u2_C", "dtype_u2"} {
		t.Run(name, func(t *testing.T) {
			path := copyFixture(t, name)
			want, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			mode := ReadOnly
			if name == "dtype_u2" {
				mode = ReadWrite
			}
			d, err := Open(path, mode)
			if err != nil {
				t.Fatal(err)
			}
			img := d.Image
			view, err := img.Region(1, 1, 0, img.SizeX()-1, img.SizeY()-1, img.SizeZ())
			if err != nil {
				t.Fatal(err)
			}
			planes := img.PlaneArrays()
			if err := d.Close(); err != nil {
				t.Fatal(err)
			}
			if err := d.Close(); err != nil {
				t.Fatalf("second Close: %v", err)
			}
			d = nil
			for range 3 {
				runtime.GC()
			}
			sameImage(t, img, want)
			wantView, _ := want.Region(1, 1, 0, want.SizeX()-1, want.SizeY()-1, want.SizeZ())
			img = nil
			runtime.GC()
			sameImage(t, view, wantView)
			view = nil
			runtime.GC()
			for i, p := range planes {
				back, err := gips.FromArrayGeometry(p, gips.Geometry2d(want.Type(), want.SizeX(), want.SizeY()))
				if err != nil {
					t.Fatal(err)
				}
				for y := range want.SizeY() {
					if string(back.Row(0, y)) != string(want.Row(i, y)) {
						t.Fatalf("plane array %d row %d differs after Close", i, y)
					}
				}
			}
			if mode == ReadWrite {
				// A write after Close lands in the mapping, hence in the
				// file, not in unmapped memory.
				w, err := gips.FromArrayGeometry(planes[0], gips.Geometry2d(want.Type(), want.SizeX(), want.SizeY()))
				if err != nil {
					t.Fatal(err)
				}
				wp, err := gips.WritablePlanes[uint16](w)
				if err != nil {
					t.Fatal(err)
				}
				wp[0].Set(0, 0, 4321)
				again, err := Load(path)
				if err != nil {
					t.Fatal(err)
				}
				if p, _ := gips.PlaneAt[uint16](again, 0, 0, 0); p.At(0, 0) != 4321 {
					t.Errorf("file holds %d after a write through the closed mapping, want 4321", p.At(0, 0))
				}
			}
		})
	}
}

// TestDiskMappingReleasedWhenUnreachable: once the Disk and everything
// taken from it are unreachable, the cleanup unmaps the file (seen in
// /proc/self/maps; Linux only). The loop bounds the garbage collections
// waited for; it asserts nothing about time.
func TestDiskMappingReleasedWhenUnreachable(t *testing.T) {
	if _, err := os.Stat("/proc/self/maps"); err != nil {
		t.Skip("no /proc/self/maps")
	}
	path, err := filepath.EvalSymlinks(copyFixture(t, "dtype_u2"))
	if err != nil {
		t.Fatal(err)
	}
	mapped := func() bool {
		b, _ := os.ReadFile("/proc/self/maps")
		return strings.Contains(string(b), path)
	}
	func() {
		d, err := Open(path, ReadOnly)
		if err != nil {
			t.Fatal(err)
		}
		view, _ := d.Region(0, 0, 0, 2, 2, 1)
		d.Close()
		runtime.GC()
		if !mapped() {
			t.Fatal("unmapped while a view is reachable")
		}
		runtime.KeepAlive(view)
	}()
	for range 100 {
		runtime.GC()
		time.Sleep(time.Millisecond) // lets the cleanup goroutine run
		if !mapped() {
			return
		}
	}
	t.Error("still mapped after 100 garbage collections with nothing reachable")
}
