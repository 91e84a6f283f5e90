package par

import (
	"runtime"
	"sync/atomic"
	"time"
)

// Helpers that spin. A helper goroutine, once its task has no chunk left,
// watches a mailbox for the next task for a short while (helperSpin)
// before it exits, the way OpenCV's thread pool spins: calls that follow
// one another (a loop over images, a Python loop calling ops) hand their
// work to a thread that is already running, in well under a microsecond,
// instead of starting a goroutine whose thread sleeps in the kernel and
// takes tens of microseconds to wake on an idle machine and up to
// milliseconds on a busy one. Measured through Python before this
// (bench/bench.py, 2026-11-30 15:00): threshold 4096x4096 uint8 at two
// threads had a median of 0.95 ms for a minimum of 0.41 and a one-thread
// time of 0.59, its CPU/wall 1.1: the second worker mostly came too late.
//
// The cost is the spinning: up to helperSpin of a core per call that no
// other call follows, in a process that runs ops at all. A helper that
// spins yields its P now and then (runtime.Gosched), so goroutines queued
// behind it run; the OS sees a busy thread.
//
// What spinning cannot help: the first calls after a pause of 10 ms or
// more in a process's calls into Go. Go's monitor thread then takes back
// the P of the caller's thread (in C, between calls, its P stays in the
// system-call state), finds every P idle and sleeps; the next call's
// return to C wakes it (reentersyscall), and it polls every 20 us for a
// millisecond or two. Where a poll is dear (a VM: 16-20 us of CPU each,
// measured 2026-12-03 on 2 vCPUs) the helpers' threads are switched out
// more often, and a 1024x1024 uint8 threshold from Python ran a quarter
// of such calls at the one-thread time (BENCHMARKS.md). The polls alone
// do not explain it: the slowdown falls on calls that write an output
// about the size of L2, a sum of the same image slows little, and a
// small cgo program that sums 512 KiB with a helper like these did not
// slow at all under the same polls. Keeping gips' threads off the
// caller's CPU (below) leaves it as it was: threshold.light into an out=
// array, p75 18.6 -> 26.6 us from 2 to 12 ms pauses.
//
// Nor can spinning help when the kernel runs the woken helper late. The
// bench's machine (2 vCPUs, a guest kernel booted with sched_vcpu_pack)
// queues a woken thread on the CPU it last ran on even when that CPU is
// busy and the other idle: a helper thread that once ran on the caller's
// CPU (while the caller was off it) then waits behind it for a time
// slice, and every call of the block runs on the caller alone (a perf
// sched trace of such a block: the helper woken on the caller's CPU, the
// other idle for its 2 ms). bench/wake_probe.py times it: blocks of 50
// calls of that threshold between numpy's and OpenCV's, 3-8 of 60-80 blocks
// slow as the bench runs, none with gips' threads kept off the caller's
// CPU (2026-12-03). gips does not pin its threads: a kernel that looks
// for an idle CPU sharing the cache when it wakes a thread (Linux's
// select_idle_sibling) does not queue the helper behind the caller, and
// a library that sets affinities fights its users' own (taskset, a
// cpuset, a dask worker's). A helper that finds itself on its caller's
// CPU moves off it once instead, within its own mask (nudge.go).

// helperSpin is how long an idle helper waits for the next task.
const helperSpin = 100 * time.Microsecond

// waitSpin is how long a caller that ran out of chunks watches for its
// helpers' last ones before it sleeps (see task.wait).
const waitSpin = 200 * time.Microsecond

var (
	// mailbox holds a task offered to a spinning helper, nil when none.
	mailbox atomic.Pointer[task]
	// spinning counts the helpers watching the mailbox.
	spinning atomic.Int32
)

// offer hands t to a spinning helper, if one is watching and the mailbox
// is free, and reports whether it did. A helper that stops spinning just
// then leaves t in the mailbox: the caller does the work itself and takes
// t back out (withdraw), so the mailbox never keeps a finished task (and
// the images its closure holds) alive.
func offer(t *task) bool {
	return spinning.Load() > 0 && mailbox.CompareAndSwap(nil, t)
}

// withdraw takes t out of the mailbox if no helper took it.
func withdraw(t *task) { mailbox.CompareAndSwap(t, nil) }

// help works on t, then on the tasks it finds in the mailbox while it
// spins, and exits after helperSpin without one.
func help(t *task) {
	for t != nil {
		leaveCaller(t.cpu)
		t.work(int(t.joined.Add(1)))
		t = await()
	}
}

// await watches the mailbox for up to helperSpin and returns the task it
// took, or nil.
func await() *task {
	spinning.Add(1)
	defer spinning.Add(-1)
	var got *task
	spinUntil(func() bool {
		if mailbox.Load() == nil {
			return false
		}
		got = mailbox.Swap(nil)
		return got != nil
	}, helperSpin, true)
	return got
}

// spinUntil calls cond until it is true (and returns true) or d has
// passed (false). With yield it lets the P run other goroutines every
// yieldEvery; without, it never gives up its thread: the caller of For
// may be a goroutine locked to a C thread, for which a yield is the very
// hand-off of its P to another thread, and back, that it spins to avoid.
func spinUntil(cond func() bool, d time.Duration, yield bool) bool {
	start := time.Now()
	last := time.Duration(0)
	for i := 1; ; i++ {
		if cond() {
			return true
		}
		if i%256 == 0 {
			since := time.Since(start)
			if since > d {
				return false
			}
			if yield && since-last >= yieldEvery {
				last = since
				runtime.Gosched()
			}
		}
	}
}

// yieldEvery is how often a spinning helper yields its P. A yield puts
// the helper on the global run queue and wakes an idle thread to look
// for work, which may take the helper to another thread: while that
// happens nobody watches the mailbox. Yielding every 256 polls (about a
// microsecond), helpers spent their time moving between threads, and
// the caller of a 1024x1024 uint8 min, about 12 us of work, found none
// watching and did all of it itself (perf: the scan on the caller's
// thread only, the helpers in await and the scheduler).
const yieldEvery = 20 * time.Microsecond
