//go:build goexperiment.simd && amd64

package fill

import (
	"simd/archsimd"
	"unsafe"
)

// haveAVX2 picks vectorBytes; the tests clear it to run the pure-Go
// doubling copy on the same machine.
var haveAVX2 = archsimd.X86.AVX2()

// vectorBytes sets the n bytes at p (n >= 32) to the 32-byte pattern
// pat, which repeats with period size (an element's size, a power of two
// up to 8) starting at p: 32-byte stores, four a turn, aligned to 32
// bytes after the first when p is aligned to size (a store across two
// cache lines costs a second; numpy's buffers are 16-byte aligned). Not
// AVX-512: see arith's simdRows on 64-byte loops after a system call.
func vectorBytes(p unsafe.Pointer, n int, pat *[32]byte, size int) {
	v := archsimd.LoadUint8x32(pat)
	end := unsafe.Add(p, n-32)
	v.Store((*[32]byte)(p))
	if uintptr(p)%uintptr(size) == 0 {
		// The pattern's phase is the same at every multiple of size.
		p = unsafe.Add(p, 32-int(uintptr(p)&31))
	} else {
		p = unsafe.Add(p, 32)
	}
	for uintptr(p)+128 <= uintptr(end) {
		v.Store((*[32]byte)(p))
		v.Store((*[32]byte)(unsafe.Add(p, 32)))
		v.Store((*[32]byte)(unsafe.Add(p, 64)))
		v.Store((*[32]byte)(unsafe.Add(p, 96)))
		p = unsafe.Add(p, 128)
	}
	for uintptr(p) < uintptr(end) {
		v.Store((*[32]byte)(p))
		p = unsafe.Add(p, 32)
	}
	// The last 32 bytes, overlapping what is set: n is a multiple of
	// size, so the pattern's phase at end is its phase at the start.
	v.Store((*[32]byte)(end))
	archsimd.ClearAVXUpperBits() // the caller's SSE code runs next
}

// vector sets s to v through vectorBytes when AVX2 is there and s holds
// at least 32 bytes; it reports whether it did.
func vector[T any](s []T, v T) bool {
	size := int(unsafe.Sizeof(v))
	n := len(s) * size
	if !haveAVX2 || n < 32 || size > 8 || 32%size != 0 {
		return false
	}
	var pat [32]byte
	for i := 0; i < 32; i += size {
		*(*T)(unsafe.Pointer(&pat[i])) = v
	}
	vectorBytes(unsafe.Pointer(unsafe.SliceData(s)), n, &pat, size)
	return true
}
