package main

import (
	"os"
	"runtime"
	"testing"
)

var gcSink []byte

// TestBallastKeepsTemporariesFromCollecting: with the ballast (gc.go), an
// op's image-sized temporaries (here 6 x 8 MiB, as six calls of an opening
// of 2896² uint8 would make) start no GC cycle per call; without it, the
// 4 MiB goal of a near-empty heap would start one for each.
func TestBallastKeepsTemporariesFromCollecting(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT set: no ballast, by design")
	}
	if len(ballast) != ballastBytes {
		t.Fatalf("ballast of %d bytes, want %d", len(ballast), ballastBytes)
	}
	runtime.GC() // start from a finished cycle: the goal is now 2 x (ballast + live)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 6 {
		gcSink = make([]byte, 8<<20)
	}
	gcSink = nil
	runtime.ReadMemStats(&after)
	if n := after.NumGC - before.NumGC; n > 1 {
		t.Fatalf("%d GC cycles for 6 temporaries of 8 MiB, want at most 1 (heap goal %d MiB)", n, after.NextGC>>20)
	}
}
