package par

import (
	"runtime"
	"syscall"
	"unsafe"
)

func rdtscpCPU() uint32
func hasRDTSCP() bool

// haveCPU: cpuNow can tell the CPU. Linux keeps the CPU number in
// TSC_AUX for its vgetcpu; a hypervisor or sandbox that left it 0 would
// make every thread seem to run on CPU 0, and helpers would move off CPU
// 0 for nothing, so the number is checked once against getcpu.
var haveCPU = hasRDTSCP() && auxIsCPU(rdtscpCPU)

const sysGetcpu = 309 // amd64; the syscall package does not name it

// sysCPU is the calling thread's CPU as the kernel reports it.
func sysCPU() (uint32, bool) {
	var cpu uint32
	_, _, e := syscall.RawSyscall(sysGetcpu, uintptr(unsafe.Pointer(&cpu)), 0, 0)
	return cpu, e == 0
}

// auxIsCPU reports whether read gives the CPU that getcpu gives, between
// two getcpu calls that agree (the thread did not move); false when the
// thread moved every time, or getcpu fails.
func auxIsCPU(read func() uint32) bool {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for range 8 {
		a, ok1 := sysCPU()
		c := read()
		b, ok2 := sysCPU()
		if !ok1 || !ok2 {
			return false
		}
		if a == b {
			return c == a
		}
	}
	return false
}

// cpuNow is the CPU the calling thread runs on (RDTSCP: a few cycles,
// where the getcpu system call costs a VM exit's worth), noCPU where the
// CPU cannot tell.
func cpuNow() uint32 {
	if !haveCPU {
		return noCPU
	}
	return rdtscpCPU()
}

// cpuMask is a sched_setaffinity mask of 1024 CPUs.
type cpuMask [16]uint64

// threadMask and setThreadMask read and set the calling thread's mask.
func threadMask(m *cpuMask) bool {
	_, _, e := syscall.RawSyscall(syscall.SYS_SCHED_GETAFFINITY, 0, unsafe.Sizeof(*m), uintptr(unsafe.Pointer(m)))
	return e == 0
}

func setThreadMask(m *cpuMask) bool {
	_, _, e := syscall.RawSyscall(syscall.SYS_SCHED_SETAFFINITY, 0, unsafe.Sizeof(*m), uintptr(unsafe.Pointer(m)))
	return e == 0
}

// moveOffNow moves the calling thread off cpu, to another CPU of its own
// mask (none: it stays), and gives the thread its mask back: the kernel
// migrates a thread before sched_setaffinity returns when its CPU leaves
// the mask, and a woken thread goes back to the CPU it last ran on, so
// the thread stays on the CPU it moved to until the kernel moves it
// again. It reports whether the thread moved. afterMove (tests) runs
// between the two calls.
func moveOffNow(cpu uint32) bool {
	if cpu >= 1024 {
		return false
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var mask cpuMask
	if !threadMask(&mask) || mask[cpu/64]&(1<<(cpu%64)) == 0 {
		return false
	}
	other := mask
	other[cpu/64] &^= 1 << (cpu % 64)
	if other == (cpuMask{}) || !setThreadMask(&other) {
		return false
	}
	if afterMove != nil {
		afterMove()
	}
	setThreadMask(&mask)
	return true
}

var afterMove func()
