package par_test

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/childtest"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/ops"
)

// The op test.workerPanic runs a kernel over row bands that panics in one
// of them: what an out-of-range index in a real kernel does.
func init() {
	ops.Register(&ops.Op{
		Name:    "test.workerPanic",
		Doc:     "panics in a worker goroutine (tests only)",
		Inputs:  []ops.Input{{Name: "image"}},
		Returns: ops.ResultNumber,
		Run: func(in []*gips.Image, _ *gips.Image, _ ops.Values) (ops.Result, error) {
			h := in[0].SizeY()
			par.Bands(in[0].NumPlanes(), h, 1, func(p, y0, y1 int) {
				if y0 <= h/2 && h/2 < y1 {
					var row []int
					_ = row[y1] // index out of range, in the worker
				}
			})
			return ops.NumberResult(0), nil
		},
	})
}

// TestOpsCallWorkerPanicIsAnError runs ops.Call on an op whose worker
// goroutine panics, in a child process (without the fix the panic aborts
// the process): the child must get an error that names the op and the
// panic, and exit normally.
func TestOpsCallWorkerPanicIsAnError(t *testing.T) {
	if !childtest.InChild(t, 2*time.Minute) {
		return
	}
	runtime.GOMAXPROCS(4)
	img, err := gips.CreateImage(gips.Geometry2d(gips.UInt8, 64, 400))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ops.Call("test.workerPanic", []*gips.Image{img}, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "test.workerPanic: internal error") {
		t.Fatalf("ops.Call = %v, want an internal error", err)
	}
	// The message holds the panic and the stack of the worker where it
	// happened, not only the caller's.
	if !strings.Contains(err.Error(), "index out of range") || !strings.Contains(err.Error(), "worker goroutine stack") {
		t.Fatalf("error does not say what failed where: %v", err)
	}
}
