package label

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/gipsdev/gips"
)

// TestBenchInputMatchesScipy labels the bench harness's binary inputs
// (GIPS_LABEL_INPUTS as BenchmarkComponentsBenchInput) at every
// connectivity for which the directory holds scipy.ndimage.label's answer
// as ref-2d-c<conn>.raw / ref-3d-c<conn>.raw (uint32, little endian; made
// by numpy, not by this package): millions of runs on ragged edges, the
// merges' worst case. Skipped without the files.
func TestBenchInputMatchesScipy(t *testing.T) {
	dir := os.Getenv("GIPS_LABEL_INPUTS")
	if dir == "" {
		t.Skip("GIPS_LABEL_INPUTS not set")
	}
	for _, name := range []string{"2d-c1", "2d-c2", "3d-c1", "3d-c2", "3d-c3"} {
		ref, err := os.ReadFile(filepath.Join(dir, "ref-"+name+".raw"))
		if err != nil {
			t.Logf("%s: %v", name, err)
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, name[:2]+".raw"))
		if err != nil {
			t.Fatal(err)
		}
		g := gips.Geometry2d(gips.Binary, 4096, 4096)
		if name[:2] == "3d" {
			g = gips.Geometry3d(gips.Binary, 512, 512, 256)
		}
		if len(raw) != g.Pixels() || len(ref) != 4*g.Pixels() {
			t.Fatalf("%s: %d / %d bytes for %v", name, len(raw), len(ref), g)
		}
		img, _ := gips.CreateImage(g)
		for i := 0; i < g.Pixels(); i += g.SizeX {
			copy(img.Row(i/g.SizeX/g.SizeY, i/g.SizeX%g.SizeY), raw[i:i+g.SizeX])
		}
		out, _ := gips.CreateImage(g.WithType(gips.Label32))
		if _, err := ComponentsInto(out, img, gips.Connectivity(name[4]-'0')); err != nil {
			t.Fatal(err)
		}
		bad := 0
		for i := 0; i < g.Pixels(); i += g.SizeX {
			row := out.Row(i/g.SizeX/g.SizeY, i/g.SizeX%g.SizeY)
			for x := range g.SizeX {
				if want := binary.LittleEndian.Uint32(ref[4*(i+x):]); uint32(row[4*x])|uint32(row[4*x+1])<<8|uint32(row[4*x+2])<<16|uint32(row[4*x+3])<<24 != want && bad < 5 {
					bad++
					t.Errorf("%s: pixel %d: label differs from scipy's %d", name, i+x, want)
				}
			}
		}
	}
}
