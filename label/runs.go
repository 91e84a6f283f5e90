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

// byteRuns is rowRuns for a Binary row, 64 bytes at a time: a bit mask
// of the nonzero bytes (eight words, each folded to eight bits), whose
// transitions (a bit that differs from the one before it) are the starts
// and ends of runs, taken in order with their trailing zeros. Runs on
// ragged blob edges are a few pixels long, so the cost is per run, not per
// byte.
func byteRuns(row []uint8, dst []run) []run {
	n := len(row)
	open := false // a run is open at the block's start
	s := int32(0)
	x := 0
	for ; x+64 <= n; x += 64 {
		m := mask64(row[x:])
		prev := uint64(0)
		if open {
			prev = 1
		}
		t := m ^ (m<<1 | prev) // bit i: byte i differs from byte i-1
		for t != 0 {
			b := int32(x + bits.TrailingZeros64(t))
			t &= t - 1
			if open {
				dst = append(dst, run{s, b})
			} else {
				s = b
			}
			open = !open
		}
	}
	for ; x < n; x++ {
		if nz := row[x] != 0; nz != open {
			if open {
				dst = append(dst, run{s, int32(x)})
			} else {
				s = int32(x)
			}
			open = nz
		}
	}
	if open {
		dst = append(dst, run{s, int32(n)})
	}
	return dst
}

// mask64 has bit i set when b[i] (i < 64) is nonzero.
func mask64(b []uint8) uint64 {
	_ = b[63]
	var m uint64
	for k := 0; k < 8; k++ {
		m |= fold(nonzero(binary.LittleEndian.Uint64(b[8*k:]))) << (8 * k)
	}
	return m
}

// fold packs the high bits of a word's bytes (as nonzero sets them) into
// the low eight bits: byte i's to bit i.
func fold(w uint64) uint64 { return (w >> 7) * 0x0102040810204080 >> 56 }

// nonzero has the high bit of each nonzero byte of w set, and no other.
func nonzero(w uint64) uint64 { return (((w &^ highs) + ^uint64(highs)) | w) & highs }

// countByteRuns counts the runs of nonzero bytes of a row: the nonzero
// bytes whose left neighbour is zero, 64 at a time.
func countByteRuns(row []uint8) int {
	n, x := 0, 0
	prev := uint64(0) // bit 0: the last byte of the previous block is nonzero
	for ; x+64 <= len(row); x += 64 {
		m := mask64(row[x:])
		n += bits.OnesCount64(m &^ (m<<1 | prev))
		prev = m >> 63
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
