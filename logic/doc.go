// Package logic is logical and bitwise operations on images: And, Or, Xor,
// Not, and Mask, for 2D and 3D images of any plane layout, every channel
// alike, in parallel.
//
// Binary images are logical: any non-zero byte counts as 1 (numpy bool
// arrays and uint8 masks wrapped as Binary both work), and results are
// exactly 0 or 1. Integer images (UInt8 ... Int32) are bitwise, in two's
// complement: Not(UInt8 v) is 255 - v, Not(Int16 v) is -1 - v. Float and
// label images are refused. The sources have one type and one set of sizes,
// and the result has that type.
//
// Mask keeps an image of any type where a Binary mask is set and writes 0
// elsewhere.
//
// Who allocates: And(a, b) returns a new image; AndInto(dst, a, b) writes
// into a caller's image of the same geometry, which may be a source (in
// place, pixel for pixel).
package logic
