//go:build unix

package label

import "syscall"

// cpuTime is the process's user+system CPU time in ns: benchmarks report
// it per op, the measure that holds on a shared, oversubscribed machine.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
