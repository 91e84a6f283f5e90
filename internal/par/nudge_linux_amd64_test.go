package par

import (
	"runtime"
	"testing"
)

func getcpu(t *testing.T) uint32 {
	cpu, ok := sysCPU()
	if !ok {
		t.Fatal("getcpu failed")
	}
	return cpu
}

// cpuNow reads the CPU that the kernel's getcpu reports.
func TestCPUNowIsGetcpu(t *testing.T) {
	if !haveCPU {
		t.Skip("no RDTSCP")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	agreed := 0
	for range 100 {
		a, c, b := getcpu(t), cpuNow(), getcpu(t)
		if a != b {
			continue // moved between the reads
		}
		if c != a {
			t.Fatalf("cpuNow %d, getcpu %d", c, a)
		}
		agreed++
	}
	if agreed == 0 {
		t.Fatal("the thread moved between every pair of reads")
	}
}

// The startup check takes RDTSCP's number where it is the CPU's, and
// turns cpuNow off where it is not (a TSC_AUX left 0 on a CPU other
// than 0, or any wrong number).
func TestAuxIsCPU(t *testing.T) {
	if hasRDTSCP() && !auxIsCPU(rdtscpCPU) {
		t.Fatal("RDTSCP's CPU number disagrees with getcpu on this machine")
	}
	if hasRDTSCP() != haveCPU {
		t.Fatalf("haveCPU %v with RDTSCP %v", haveCPU, hasRDTSCP())
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	wrong := func() uint32 { cpu, _ := sysCPU(); return cpu + 1 }
	if auxIsCPU(wrong) {
		t.Fatal("a CPU number off by one passed the check")
	}
}

func twoCPUs(t *testing.T) cpuMask {
	var m cpuMask
	if !threadMask(&m) {
		t.Fatal("sched_getaffinity failed")
	}
	n := 0
	for _, w := range m {
		for ; w != 0; w &= w - 1 {
			n++
		}
	}
	if n < 2 {
		t.Skip("one CPU in the mask")
	}
	return m
}

// moveOffNow moves the thread to another CPU and leaves its mask as it was.
func TestMoveOffNowKeepsMask(t *testing.T) {
	if !haveCPU {
		t.Skip("no RDTSCP")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	before := twoCPUs(t)
	cpu := getcpu(t)
	var during uint32
	var duringMask cpuMask
	afterMove = func() { during = getcpu(t); threadMask(&duringMask) }
	defer func() { afterMove = nil }()
	if !moveOffNow(cpu) {
		t.Fatal("moveOffNow did not move")
	}
	if during == cpu {
		t.Fatalf("still on CPU %d after the move", cpu)
	}
	if duringMask[cpu/64]&(1<<(cpu%64)) != 0 {
		t.Fatalf("CPU %d was still in the mask during the move", cpu)
	}
	var after cpuMask
	threadMask(&after)
	if after != before {
		t.Fatalf("mask %x after the move, %x before", after, before)
	}
}

// A thread whose mask holds one CPU stays there, its mask untouched.
func TestMoveOffNowOneCPU(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	before := twoCPUs(t)
	defer setThreadMask(&before)
	cpu := getcpu(t)
	var one cpuMask
	one[cpu/64] = 1 << (cpu % 64)
	if !setThreadMask(&one) {
		t.Fatal("sched_setaffinity failed")
	}
	if moveOffNow(cpu) {
		t.Fatal("moved with one CPU in the mask")
	}
	var after cpuMask
	threadMask(&after)
	if after != one || getcpu(t) != cpu {
		t.Fatalf("mask %x on CPU %d, want %x on %d", after, getcpu(t), one, cpu)
	}
	if moveOffNow(noCPU) {
		t.Fatal("moved off noCPU")
	}
}

// leaveCaller moves a helper off its caller's CPU, at most once a millisecond.
func TestLeaveCaller(t *testing.T) {
	if !haveCPU {
		t.Skip("no RDTSCP")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	twoCPUs(t)
	lastMove.Store(0)
	m0 := moves.Load()
	leaveCaller(cpuNow() + 1) // another CPU: stays
	if moves.Load() != m0 {
		t.Fatal("moved off a CPU it was not on")
	}
	cpu := cpuNow()
	leaveCaller(cpu)
	if moves.Load() != m0+1 {
		t.Fatalf("moves %d -> %d on the caller's CPU %d", m0, moves.Load(), cpu)
	}
	leaveCaller(cpuNow()) // within the millisecond: stays
	if moves.Load() != m0+1 {
		t.Fatal("moved twice within a millisecond")
	}
}
