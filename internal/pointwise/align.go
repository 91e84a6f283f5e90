package pointwise

import "unsafe"

// alignBytes is the least run, in bytes, whose head Head and HeadBytes
// split off: a head is a kernel call more and up to 63 bytes of a
// kernel's scalar tail, a few tens of nanoseconds.
const alignBytes = 16 << 10

// Head is the number of elements of s before its first 64-byte boundary
// (0 when s starts on one, is shorter than alignBytes, or its elements do
// not divide the offset). The Rows functions hand a long contiguous run
// to the kernel as its head and then the rest, so that the kernel's
// vector steps store on whole cache lines: numpy's arrays are 16-byte
// aligned, and a 64-byte (AVX-512) or 32-byte (AVX2) access across two
// lines costs a second access. Measured on colour conversions (color's
// alignHead, BenchmarkConvertAlign): 10-25% at 256² float32.
func Head[T any](s []T) int {
	var z T
	return HeadBytes(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(z))), int(unsafe.Sizeof(z))) / int(unsafe.Sizeof(z))
}

// HeadBytes is Head of b holding elements of size bytes, in bytes.
func HeadBytes(b []byte, size int) int {
	if len(b) < alignBytes || size <= 0 {
		return 0
	}
	off := int(uintptr(unsafe.Pointer(unsafe.SliceData(b))) % 64)
	if off%size != 0 {
		return 0
	}
	return (64 - off) % 64
}
