package swar

// Op names a byte-wise operation of SIMD: the bitwise ones, and the
// Binary ones (NZ: any non-zero byte is true, results are 0 or 1).
type Op int

const (
	And    Op = iota // a & b
	Or               // a | b
	Xor              // a ^ b
	Not              // ^a
	AndNZ            // 1 where a and b are both non-zero
	OrNZ             // 1 where a or b is non-zero
	XorNZ            // 1 where exactly one of a and b is non-zero
	NotNZ            // 1 where a is zero
	MaskNZ           // a where b is non-zero, 0 elsewhere
)
