// Package swar holds what the word-at-a-time (SIMD within a register)
// kernels of arith, logic, threshold and stats share: views of pixel rows
// as bytes or as unsigned integers of the pixels' size, and byte-lane
// arithmetic on 64-bit words.
package swar

import "unsafe"

// Ones has 1 in every byte lane of a word.
const Ones = 0x0101010101010101

// Low7 has the low seven bits of every byte lane set.
const Low7 = 0x7F7F7F7F7F7F7F7F

// View views a row of pixels as the unsigned integers U (bytes or uint16)
// that tile the same memory: no copy, the caller's row and the view are
// one. A row of 3 uint16 pixels is 6 bytes or 3 uint16.
func View[U byte | uint16 | uint32 | uint64, T any](s []T) []U {
	if len(s) == 0 {
		return nil
	}
	var t T
	var u U
	return unsafe.Slice((*U)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(t))/int(unsafe.Sizeof(u)))
}

// Bytes views a row of pixels as its bytes (View[byte]).
func Bytes[T any](s []T) []byte { return View[byte](s) }

// NonZero maps every byte lane of x to 1 if it is non-zero, 0 otherwise:
// the Binary contract (any non-zero byte is true) eight pixels at a time.
func NonZero(x uint64) uint64 { return (((x & Low7) + Low7) | x) >> 7 & Ones }

// NonZeroByte is NonZero for one byte, without a branch.
func NonZeroByte(v uint8) uint8 { return uint8((uint16(v) + 255) >> 8) }
