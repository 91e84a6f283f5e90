package stream

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
	"github.com/gipsdev/gips/internal/childtest"
)

// peakRSS is the process's peak resident memory (VmHWM) in bytes.
func peakRSS(t *testing.T) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc/self/status")
	return 0
}

const rssInputEnv = "GIPS_STREAM_RSS_INPUT"

// A 128 MiB volume smoothed, thresholded, labelled (a 256 MiB Label32
// output) and distance transformed (a 256 MiB Real32 output) under a
// 32 MiB budget: the child process's peak resident memory
// stays near the budget, not the volume (the bound is the budget plus
// 24 MiB for the test binary and the Go runtime: a memory bound, not a
// timing).
func TestPeakRSSBoundedByBudget(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("peak RSS from /proc, page dropping with madvise: Linux")
	}
	if testing.Short() {
		t.Skip("writes a 128 MiB volume")
	}
	const budget = 32 << 20
	in := os.Getenv(rssInputEnv)
	if in == "" {
		in = filepath.Join(t.TempDir(), "big.npy")
		writeBigVolume(t, in, gips.Geometry3d(gips.UInt16, 256, 256, 1024))
		t.Setenv(rssInputEnv, in)
	}
	if !childtest.InChild(t, 10*time.Minute) {
		return
	}
	base := peakRSS(t)
	dir := filepath.Dir(in)
	out := filepath.Join(dir, "smooth.npy")
	st, err := Run(context.Background(), "filter.gaussian", map[string]any{"sigma": []float64{1}, "output": "same"},
		[]string{in}, out, Options{Memory: budget})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("gaussian: %d slabs of %d planes, halo %d; peak RSS %d MiB (%d MiB before the run)", st.Slabs, st.Planes, st.Halo, peakRSS(t)>>20, base>>20)
	if got := peakRSS(t); got > budget+24<<20 {
		t.Fatalf("peak RSS %d MiB for a 128 MiB volume under a %d MiB budget", got>>20, budget>>20)
	}
	bin := filepath.Join(dir, "bin.npy")
	if _, err := Run(context.Background(), "threshold.range", map[string]any{"min": 40000.0, "max": 65535.0},
		[]string{out}, bin, Options{Memory: budget}); err != nil {
		t.Fatal(err)
	}
	st, err = Run(context.Background(), "label.components", nil, []string{bin}, filepath.Join(dir, "labels.npy"), Options{Memory: budget})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("threshold, label: %d slabs of %d planes; peak RSS %d MiB", st.Slabs, st.Planes, peakRSS(t)>>20)
	if got := peakRSS(t); got > budget+24<<20 {
		t.Fatalf("peak RSS %d MiB after labelling under a %d MiB budget", got>>20, budget>>20)
	}
	// The EDT's pass along z reads bands of rows across every plane.
	st, err = Run(context.Background(), "distance.edt", nil, []string{bin}, filepath.Join(dir, "edt.npy"), Options{Memory: budget})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("edt: %d slabs of %d planes; peak RSS %d MiB", st.Slabs, st.Planes, peakRSS(t)>>20)
	if got := peakRSS(t); got > budget+24<<20 {
		t.Fatalf("peak RSS %d MiB after the EDT under a %d MiB budget", got>>20, budget>>20)
	}
	// A zoom to 1536 planes (a 192 MiB output), and the labels' table:
	// moments, Euler numbers, surfaces (the hull columns keep 16 bytes per
	// row of each label, about 13 MiB here, outside the budget).
	st, err = Run(context.Background(), "transform.zoom", map[string]any{"factor": []float64{1, 1, 1.5}, "order": 1},
		[]string{in}, filepath.Join(dir, "zoom.npy"), Options{Memory: budget})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("zoom: %d slabs of %d planes; peak RSS %d MiB", st.Slabs, st.Planes, peakRSS(t)>>20)
	cols := "area,centroidZ,bboxMaxZ,inertiaEigen1,majorAxisLength,flatness,eulerNumber,surfaceArea,sphericity"
	res, st, err := Table(context.Background(), "measure.labelAnalysis", map[string]any{"measures": cols},
		[]string{filepath.Join(dir, "labels.npy")}, Options{Memory: budget})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("labelAnalysis: %d labels, %d slabs of %d planes; peak RSS %d MiB", len(res.Table.Columns[0]), st.Slabs, st.Planes, peakRSS(t)>>20)
	if got := peakRSS(t); got > budget+24<<20 {
		t.Fatalf("peak RSS %d MiB after the zoom and the label table under a %d MiB budget", got>>20, budget>>20)
	}
}

// writeBigVolume writes a volume of smooth blobs plus noise plane by
// plane, never holding more than one plane.
func writeBigVolume(t *testing.T, path string, g gips.Geometry) {
	w, err := imageio.Create(path, g, gips.DefaultCalibration, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	plane, err := gips.CreateImage(gips.Geometry2d(g.Type, g.SizeX, g.SizeY))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := gips.WritablePlanes[uint16](plane)
	seed := uint32(1)
	for z := range g.SizeZ {
		for y := range g.SizeY {
			row := p[0].Row(y)
			for x := range row {
				seed = seed*1664525 + 1013904223
				blob := 0
				if ((x/40)+(y/40)+(z/40))%2 == 0 {
					blob = 50000
				}
				row[x] = uint16(blob + int(seed>>20))
			}
		}
		if err := w.WritePlane(z, plane, 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
}
