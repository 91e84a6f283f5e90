package morpho

import (
	"syscall"
	"testing"
	"time"
)

// cpuTimer reports the process's CPU time per op as "cpu-ns/op": on a
// machine shared by many jobs, wall-clock ns/op measures the queue, not
// the kernel, while CPU time (all threads) stays close to the work done.
type cpuTimer struct {
	b     *testing.B
	start time.Duration
}

func startCPU(b *testing.B) cpuTimer { return cpuTimer{b, processCPU()} }

func (c cpuTimer) report() {
	if c.b.N > 0 {
		c.b.ReportMetric(float64(processCPU()-c.start)/float64(c.b.N), "cpu-ns/op")
	}
}

func processCPU() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
