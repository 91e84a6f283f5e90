package main

import (
	"os"
	"os/exec"
	"runtime"
	"testing"
)

var gcSink []byte

// TestBallastKeepsTemporariesFromCollecting: with the ballast (gc.go),
// which the first call on a large image makes, an
// op's image-sized temporaries (here 6 x 8 MiB, as six calls of an opening
// of 2896² uint8 would make) start no GC cycle per call; without it, the
// 4 MiB goal of a near-empty heap would start one for each.
func TestBallastKeepsTemporariesFromCollecting(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT set: no ballast, by design")
	}
	ballastFor(ballastAfter) // as a call on 1 MiB of images does
	if n := ballastLen(); n != ballastBytes {
		t.Fatalf("ballast of %d bytes, want %d", n, ballastBytes)
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

// TestNoBallastForSmallCalls: calls on small images leave Go's default
// heap goal (whose small allocations are reused warm after each cycle);
// the ballast's large goal would spread them over fresh pages. In a
// subprocess: another test's large call may have made it here.
func TestNoBallastForSmallCalls(t *testing.T) {
	if os.Getenv("GIPS_BALLAST_CHILD") == "1" {
		for range 100 {
			if code, text, _, _ := opCall([]byte(`{"op":"arith.add","params":{}}`), 2, true, tinyWords(), nil, nil, true); code != codeOK {
				t.Fatal(code, text)
			}
			ballastFor(ballastAfter - 1)
		}
		if n := ballastLen(); n != 0 {
			t.Fatalf("a ballast of %d bytes after small calls, want none", n)
		}
		return
	}
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT set: no ballast, by design")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoBallastForSmallCalls$", "-test.count=1")
	cmd.Env = append(os.Environ(), "GIPS_BALLAST_CHILD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}
