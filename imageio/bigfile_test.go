package imageio

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gipsdev/gips"
)

// rssBytes is the process's resident set size, from /proc (Linux).
func rssBytes(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	t.Skip("no VmRSS")
	return 0
}

// TestOpenLargeFile maps a large file named by GIPS_IMAGEIO_BIG (a
// multi-GiB uncompressed TIFF or .npy; not part of the repository) and
// reports the time Open takes and how much the resident memory grows. It
// fails only if opening makes a sizeable part of the file resident.
func TestOpenLargeFile(t *testing.T) {
	path := os.Getenv("GIPS_IMAGEIO_BIG")
	if path == "" {
		t.Skip("set GIPS_IMAGEIO_BIG to a multi-GiB uncompressed TIFF or .npy")
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	before := rssBytes(t)
	t0 := time.Now()
	d, err := Open(path, ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(t0)
	after := rssBytes(t)
	defer d.Close()
	ok, _ := d.Shared()
	t.Logf("%s: %.2f GiB, %v, Open %v, RSS %+.1f MiB, all planes shared %v",
		path, float64(st.Size())/(1<<30), d.Geometry(), took, float64(after-before)/(1<<20), ok)
	// Reading one plane touches only that plane's pages.
	p, err := gips.PlaneAt[uint16](d.Image, d.SizeZ()/2, 0, 0)
	if err == nil {
		var s uint64
		for y := range p.Height {
			for _, v := range p.Row(y) {
				s += uint64(v)
			}
		}
		t.Logf("summed plane z=%d (%d), RSS now %+.1f MiB", d.SizeZ()/2, s, float64(rssBytes(t)-before)/(1<<20))
	}
	if after-before > st.Size()/16 {
		t.Errorf("Open made %d of %d bytes resident", after-before, st.Size())
	}
}
