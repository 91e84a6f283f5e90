package label

import (
	"encoding/binary"
	"math/bits"

	"github.com/gipsdev/gips"
)

// Finding the runs of a row: spans of foreground, the nodes of the forest.

// rowRuns appends the runs of one row: spans of nonzero pixels (binary) or
// of equal nonzero pixels.
func rowRuns[T gips.Pixel](row []T, binary bool, dst []run) []run {
	if b, ok := any(row).([]uint8); ok && binary {
		return byteRuns(b, dst)
	}
	n := len(row)
	x := 0
	for x < n {
		for x < n && row[x] == 0 {
			x++
		}
		if x == n {
			break
		}
		s := x
		if binary {
			for x < n && row[x] != 0 {
				x++
			}
		} else {
			v := row[x]
			for x < n && row[x] == v {
				x++
			}
		}
		dst = append(dst, run{int32(s), int32(x)})
	}
	return dst
}

const highs = 0x8080808080808080

// byteRuns is rowRuns for a Binary row, eight bytes at a time: a mask
// with the high bit of each nonzero byte, and its trailing zeros, find
// where runs start and end.
func byteRuns(row []uint8, dst []run) []run {
	n := len(row)
	x := 0
	for {
		// The next nonzero byte.
		for x+8 <= n {
			if m := nonzero(binary.LittleEndian.Uint64(row[x:])); m != 0 {
				x += bits.TrailingZeros64(m) / 8
				goto found
			}
			x += 8
		}
		for x < n && row[x] == 0 {
			x++
		}
		if x == n {
			return dst
		}
	found:
		s := x
		for x+8 <= n {
			if z := ^nonzero(binary.LittleEndian.Uint64(row[x:])) & highs; z != 0 {
				x += bits.TrailingZeros64(z) / 8
				goto end
			}
			x += 8
		}
		for x < n && row[x] != 0 {
			x++
		}
	end:
		dst = append(dst, run{int32(s), int32(x)})
	}
}

// nonzero has the high bit of each nonzero byte of w set, and no other.
func nonzero(w uint64) uint64 { return (((w &^ highs) + ^uint64(highs)) | w) & highs }

// countByteRuns counts the runs of nonzero bytes of a row: the nonzero
// bytes whose left neighbour is zero, eight at a time.
func countByteRuns(row []uint8) int {
	n, x := 0, 0
	prev := uint64(0) // the high bit of the previous byte's nonzero mask, at bit 7
	for ; x+8 <= len(row); x += 8 {
		w := binary.LittleEndian.Uint64(row[x:])
		m := nonzero(w)
		starts := m &^ (m<<8 | prev)
		n += bits.OnesCount64(starts)
		prev = m >> 56
	}
	last := prev != 0
	for ; x < len(row); x++ {
		nz := row[x] != 0
		if nz && !last {
			n++
		}
		last = nz
	}
	return n
}
