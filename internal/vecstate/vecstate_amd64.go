package vecstate

// available: CPUID.1:ECX.OSXSAVE (XGETBV may run) and
// CPUID.(EAX=0DH,ECX=1):EAX[2] (XGETBV takes ECX=1).
var available = func() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 0xd {
		return false
	}
	if _, _, c, _ := cpuid(1, 0); c&(1<<27) == 0 {
		return false
	}
	a, _, _, _ := cpuid(0xd, 1)
	return a&(1<<2) != 0
}()

// hasAVX: CPUID.1:ECX has OSXSAVE and AVX, and the OS saves the ymm state
// (XCR0 bits 1 and 2): VZEROUPPER may run.
var hasAVX = func() bool {
	if _, _, c, _ := cpuid(1, 0); c&(1<<27) == 0 || c&(1<<28) == 0 {
		return false
	}
	return xcr0()&6 == 6
}()

func cpuid(leaf, sub uint32) (a, b, c, d uint32)

// xcr0 runs XGETBV with ECX=0.
func xcr0() uint32

// xinuse runs XGETBV with ECX=1.
func xinuse() uint32

// soil sets ymm0's upper half (tests: what a kernel without VZEROUPPER
// leaves); clean runs VZEROUPPER.
func soil()
func clean()
