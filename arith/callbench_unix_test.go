//go:build unix

package arith

import (
	"fmt"
	"slices"
	"syscall"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
)

// BenchmarkInCacheCalls times 256² row kernels one call at a time as
// bench.py times them: the process's CPU clock read (a system call)
// before and after each call, the rows in cache, reporting the min and
// median ns of a call (the clock's own cost, about 0.17 us here,
// included). The output is placed after both sources as numpy's heap
// places a call's arrays ("after": 32 and 16 bytes modulo 4 KiB), just
// before them, or far, and the loops run as chosen, forwards or
// backwards (bulk_amd64.go):
//
//	go test ./arith -run '^$' -bench InCacheCalls -benchtime 1000x -cpu 1
func BenchmarkInCacheCalls(b *testing.B) {
	const n = 256 * 256
	places := map[string]placement{"after": {32, 16, 0}, "before": {-16, -32, 0}, "far": {1040, 2064, 0}, "numpy16": {16, 16, 48}, "numpy0": {0, 0, 32}}
	dirs := map[string]int{"chosen": 0, "forwards": 1, "backwards": -1}
	f32 := subtractRow[float32](gips.Real32)
	mx := maximumRow[float32](gips.Real32)
	inv8, inv16 := invertRow[uint8](gips.UInt8), invertRow[int16](gips.Int16)
	for _, pn := range []string{"after", "before", "far", "numpy16", "numpy0"} {
		df, af, bf := placed[float32](n, places[pn])
		d8, a8, _ := placed[uint8](n, places[pn])
		d16, a16, _ := placed[int16](n, places[pn])
		for i := range af {
			af[i], bf[i], a8[i], a16[i] = float32(i%1000)+0.5, float32(i%777)+0.25, uint8(i*7), int16(i*13)
		}
		for _, dn := range []string{"chosen", "forwards", "backwards"} {
			for _, k := range []struct {
				name string
				f    func()
			}{
				{"Real32Subtract", func() { f32(df, af, bf) }},
				{"Real32Max", func() { mx(df, af, bf) }},
				{"UInt8Invert", func() { inv8(d8, a8) }},
				{"Int16Invert", func() { inv16(d16, a16) }},
			} {
				b.Run(fmt.Sprintf("%s/%s/%s", k.name, pn, dn), func(b *testing.B) {
					loopDir = dirs[dn]
					defer func() { loopDir = 0 }()
					k.f() // in cache
					ts := make([]int64, 0, b.N)
					for b.Loop() {
						c0 := cpuClock()
						k.f()
						ts = append(ts, cpuClock()-c0)
					}
					slices.Sort(ts)
					b.ReportMetric(float64(ts[0]), "min-ns")
					b.ReportMetric(float64(ts[len(ts)/2]), "med-ns")
				})
			}
		}
	}
}

// cpuClock is the process's CPU time in ns through the system call
// (clock_gettime of CLOCK_PROCESS_CPUTIME_ID) that Python's
// time.process_time makes.
func cpuClock() int64 {
	var ts syscall.Timespec
	syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, 2, uintptr(unsafe.Pointer(&ts)), 0)
	return ts.Nano()
}
