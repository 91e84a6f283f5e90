package gips

import (
	"fmt"
	"math/bits"
	"sync/atomic"
)

// maxAllocOverride is SetMaxAlloc's value; 0 means the default.
var maxAllocOverride atomic.Int64

// addressLimit bounds any one allocation or array extent where the memory
// size is unknown: 2^47 bytes on 64-bit machines (a user address space),
// the int range on 32-bit ones.
const addressLimit = min(maxInt, 1<<47)

// MaxAlloc is the largest block, in bytes, that gips allocates in one call
// (an image, a copy of planes, a kernel's scratch). By default it is the
// machine's RAM plus swap: Linux refuses a single allocation beyond that
// (its default overcommit heuristic), and the Go runtime then ends the
// process, which no recover can stop. Blocks beyond MaxAlloc are refused
// with ErrTooLarge before the allocation.
func MaxAlloc() int {
	if n := maxAllocOverride.Load(); n > 0 {
		return int(n)
	}
	return defaultMaxAlloc
}

// SetMaxAlloc sets MaxAlloc to n bytes (n <= 0 restores the default) and
// returns the previous value: lower it to keep gips within a budget (a
// container's memory limit, say, that the default does not see).
func SetMaxAlloc(n int) (prev int) {
	prev = MaxAlloc()
	maxAllocOverride.Store(int64(max(n, 0)))
	return prev
}

var defaultMaxAlloc = func() int {
	if n := physicalMemory(); n > 0 && n < addressLimit {
		return n
	}
	return addressLimit
}()

// CheckAlloc reports, as an error wrapping ErrTooLarge that names what,
// whether n items of size bytes would exceed MaxAlloc (or overflow). Every
// allocation whose size comes from an image or a parameter asks it first.
func CheckAlloc(what string, n, size int) error {
	if n < 0 || size < 0 {
		return fmt.Errorf("%s: %d items of %d bytes: %w", what, n, size, ErrTooLarge)
	}
	hi, lo := bits.Mul64(uint64(n), uint64(size))
	if limit := MaxAlloc(); hi != 0 || lo > uint64(limit) {
		return fmt.Errorf("%s: %d items of %d bytes is more than the %d bytes gips allocates at once (gips.MaxAlloc): %w",
			what, n, size, limit, ErrTooLarge)
	}
	return nil
}

// mulInt is a*b for a, b >= 0, and false when it overflows int.
func mulInt(a, b int) (int, bool) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	return int(lo), a >= 0 && b >= 0 && hi == 0 && lo <= uint64(maxInt)
}
