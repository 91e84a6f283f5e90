package stream

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/childtest"
)

const splineRSSInputEnv = "GIPS_STREAM_SPLINE_RSS_INPUT"

// A cubic zoom (order 3, nearest: coefficients padded by 12) of a 64 MiB
// volume to 768 planes (a 96 MiB output) under a 32 MiB budget: the child
// process's peak resident memory (VmHWM: its anonymous memory and the
// mapped input pages it holds) stays under the budget plus 24 MiB for
// the test binary and the Go runtime. The 336 MiB temporary file of
// coefficients is read and written, not mapped: its pages are the page
// cache's, not the process's, and do not count (a memory bound, not a
// timing).
func TestZoomSplinePeakRSSBoundedByBudget(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("peak RSS from /proc, page dropping with madvise: Linux")
	}
	if testing.Short() {
		t.Skip("writes a 64 MiB volume and a 336 MiB temporary file")
	}
	const budget = 32 << 20
	in := os.Getenv(splineRSSInputEnv)
	if in == "" {
		in = filepath.Join(t.TempDir(), "big.npy")
		writeBigVolume(t, in, gips.Geometry3d(gips.UInt16, 256, 256, 512))
		t.Setenv(splineRSSInputEnv, in)
	}
	if !childtest.InChild(t, 10*time.Minute) {
		return
	}
	base := peakRSS(t)
	params := map[string]any{"factor": []float64{1, 1, 1.5}, "order": 3, "mode": "nearest"}
	st, err := Run(context.Background(), "transform.zoom", params, []string{in}, filepath.Join(filepath.Dir(in), "zoom.npy"), Options{Memory: budget})
	if err != nil {
		t.Fatal(err)
	}
	got := peakRSS(t)
	t.Logf("zoom order 3: %d bands, %d slabs of %d planes; peak RSS %d MiB (%d MiB before the run)", st.Bands, st.Slabs, st.Planes, got>>20, base>>20)
	if st.Bands < 2 || st.Slabs < 2 {
		t.Fatalf("%+v: want the coefficients through the temporary file", st)
	}
	if got > budget+24<<20 {
		t.Fatalf("peak RSS %d MiB for a cubic zoom of a 64 MiB volume under a %d MiB budget", got>>20, budget>>20)
	}
}
