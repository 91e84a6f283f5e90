package main

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestThreadsBounded: setNumThreads refuses counts above maxThreads (10^6
// threads hung the next op) as a ValueError, leaves the count as it was,
// and accepts 0 (one per CPU) up to the limit.
func TestThreadsBounded(t *testing.T) {
	prev := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(prev)
	for _, n := range []int{1000000, maxThreads() + 1, -1} {
		_, err := handleThreads([]byte(`{"n": ` + strconv.Itoa(n) + `}`))
		if err == nil || codeOf(err) != codeValue || !strings.Contains(err.Error(), "threads") {
			t.Fatalf("threads %d: %v (code %d), want a ValueError", n, err, codeOf(err))
		}
		if runtime.GOMAXPROCS(0) != prev {
			t.Fatalf("threads %d refused but GOMAXPROCS changed to %d", n, runtime.GOMAXPROCS(0))
		}
	}
	if maxThreads() < 64 || maxThreads() < 4*runtime.NumCPU() {
		t.Fatalf("maxThreads %d", maxThreads())
	}
	for _, n := range []int{maxThreads(), 1, 0} {
		if _, err := handleThreads([]byte(`{"n": ` + strconv.Itoa(n) + `}`)); err != nil {
			t.Fatalf("threads %d: %v", n, err)
		}
	}
	if runtime.GOMAXPROCS(0) != runtime.NumCPU() {
		t.Fatalf("threads 0 gave %d, want NumCPU %d", runtime.GOMAXPROCS(0), runtime.NumCPU())
	}
}
