package vecstate

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"testing"
)

// TestSeesDirtyAndClean: the probe tells a ymm register's written upper
// half from VZEROUPPER's clean state, on one thread.
func TestSeesDirtyAndClean(t *testing.T) {
	if !Available() {
		t.Skip("no XGETBV(1) on this CPU")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for range 3 {
		soil()
		if !Dirty() {
			t.Fatalf("after VPCMPEQD Y0: XINUSE %#x, want bit 2 set", XInUse())
		}
		Clear()
		if Dirty() {
			t.Fatalf("after VZEROUPPER: XINUSE %#x, want bits 2 and 6 clear", XInUse())
		}
	}
}

var sink uint64

// TestAsyncPreemptionLeavesThemDirty documents why the shipped builds turn
// Go's asynchronous preemption off: with GOEXPERIMENT=simd on an AVX-512
// machine, a loop without calls, which only a signal can preempt (sysmon
// sends one after 10 ms), finds the upper halves dirty after the first
// preemption, unless GODEBUG has asyncpreemptoff=1. It runs the loop in a
// child process both ways.
func TestAsyncPreemptionLeavesThemDirty(t *testing.T) {
	if os.Getenv("VECSTATE_CHILD") == "1" {
		runtime.LockOSThread()
		clean()
		dirty, x := 0, uint64(1)
		for range 400 { // about 0.3 s
			for i := range uint64(1 << 20) {
				x = x*6364136223846793005 + i
			}
			if Dirty() {
				dirty++
			}
		}
		sink = x
		fmt.Printf("dirty %d\n", dirty)
		return
	}
	if !Available() || !simdBuild {
		t.Skip("needs GOEXPERIMENT=simd and XGETBV(1)")
	}
	count := func(godebug string) int {
		cmd := exec.Command(os.Args[0], "-test.run=^TestAsyncPreemptionLeavesThemDirty$")
		cmd.Env = append(os.Environ(), "VECSTATE_CHILD=1", "GODEBUG="+godebug)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("child: %v\n%s", err, out)
		}
		var n int
		if _, err := fmt.Sscanf(string(out[bytes.Index(out, []byte("dirty ")):]), "dirty %d", &n); err != nil {
			t.Fatalf("child output %q: %v", out, err)
		}
		return n
	}
	if n := count("asyncpreemptoff=1"); n != 0 {
		t.Errorf("asyncpreemptoff=1: the upper halves were dirty after %d allocations, want 0", n)
	}
	n := count("")
	t.Logf("with asynchronous preemption on, the upper halves were dirty after %d of 400 blocks", n)
	if n == 0 {
		t.Log("with asynchronous preemption on, no allocation found them dirty: has Go's asyncPreempt learnt VZEROUPPER? The Makefile's SHIPLD may then go")
	}
}
