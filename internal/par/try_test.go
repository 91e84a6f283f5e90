package par

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"
)

// TestTryReturnsWorkerPanic: a panic in one range comes back as an error
// carrying the value and the worker's stack, and no panic reaches the
// caller; without a panic every item is visited and the error is nil.
func TestTryReturnsWorkerPanic(t *testing.T) {
	boom := errors.New("boom")
	err := Try(1000, 10, func(lo, hi int) {
		if lo <= 500 && 500 < hi {
			panic(boom)
		}
	})
	if err == nil || !errors.Is(err, boom) || !strings.Contains(err.Error(), "internal error") || !strings.Contains(err.Error(), "goroutine") {
		t.Fatalf("Try = %v, want the worker's panic as an error with its stack", err)
	}
	var seen atomic.Int64
	if err := Try(1000, 10, func(lo, hi int) { seen.Add(int64(hi - lo)) }); err != nil || seen.Load() != 1000 {
		t.Fatalf("Try without panic = %v, %d items visited", err, seen.Load())
	}
}
