package imgtest

import (
	"syscall"
	"testing"
	"time"
)

// CPUTimer reports the process's CPU time per op as "cpu-ns/op": on a
// machine shared by many jobs, wall-clock ns/op measures the queue, not
// the kernel, while CPU time (all threads) stays close to the work done.
type CPUTimer struct {
	b     *testing.B
	start time.Duration
}

// StartCPU starts a CPUTimer for b's timed loop.
func StartCPU(b *testing.B) CPUTimer { return CPUTimer{b, ProcessCPU()} }

// Report adds the CPU time per op since StartCPU to b's results.
func (c CPUTimer) Report() {
	if c.b.N > 0 {
		c.b.ReportMetric(float64(ProcessCPU()-c.start)/float64(c.b.N), "cpu-ns/op")
	}
}

// ProcessCPU is the user plus system CPU time of the process so far (0
// where getrusage fails).
func ProcessCPU() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
