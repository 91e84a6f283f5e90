package par

import (
	"sync/atomic"
	"time"
)

// A helper that the kernel runs on its caller's CPU moves off it.
//
// The bench's machine (2 vCPUs, a guest kernel booted with
// sched_vcpu_pack) wakes a thread on the CPU it last ran on even when
// that CPU is busy and another idles (see spin.go): a helper thread that
// once ran on the caller's CPU then shares it with the caller, call
// after call, and a whole benchmark row can run at the one-thread time
// (2026-12-03 14:15, 4096x4096 uint8 and, sum, mean, xor: gips' scaling
// 1.0 where the rows around them had 1.9). When a helper joins a task on
// the CPU its caller dispatched it from, it asks the kernel to move it
// off that CPU within its own mask and gives the mask straight back
// (moveOffNow): the thread is not pinned, the user's affinities
// (taskset, a cpuset, a dask worker's) are kept, and the next wake-up
// finds it on the CPU it moved to. bench/wake_probe.py, 1024x1024 uint8
// threshold in blocks of 50 calls: 56 of 1000 blocks ran at the
// one-thread time before, 2 of 1000 with this (five alternating runs).
//
// A move costs two system calls; leaveCaller makes at most one a
// millisecond, so that threads on a machine whose every CPU is busy do
// not chase free ones.
//
// Where the CPU has no RDTSCP (the bench's later guest, an EPYC that
// hides it), cpuNow cannot tell and no helper moves. The segment limit
// that Linux's vgetcpu reads there (LSL of selector 0x7b) did give the
// CPU on that guest, and was tried as a fallback (2026-12-06): with the
// moves on, 3000 back-to-back two-worker calls over 3 MiB had 460-560
// calls over 1.5x the tenth percentile against 230-280 without (two
// alternating runs each), so it was left out.

// noCPU is a CPU number that no thread runs on: the CPU is not known.
const noCPU = ^uint32(0)

// lastMove is when the last move was made (UnixNano).
var lastMove atomic.Int64

// moves counts them (tests).
var moves atomic.Int64

// leaveCaller moves the calling helper off the CPU its task's caller
// ran on (cpu, when the task was made) if it runs there now.
func leaveCaller(cpu uint32) {
	if cpu == noCPU || cpuNow() != cpu {
		return
	}
	now, last := time.Now().UnixNano(), lastMove.Load()
	if now-last < int64(time.Millisecond) || !lastMove.CompareAndSwap(last, now) {
		return
	}
	if moveOffNow(cpu) {
		moves.Add(1)
	}
}
