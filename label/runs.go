package label

import (
	"encoding/binary"
	"math/bits"
	"unsafe"

	"github.com/gipsdev/gips"
)

// Finding the runs of a row: spans of foreground, the nodes of the forest.

// rowRuns appends the runs of one row: spans of nonzero pixels (binary) or
// of equal nonzero pixels. (Binary rows of bytes go through byteRuns.)
func rowRuns[T gips.Pixel](row []T, binary bool, dst []run) []run {
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

// byteRuns writes the runs of a Binary row into rs, through its bit mask
// (rowMask), and returns their number: rowRuns for rows of bytes, whose
// cost is per word and per run, not per byte (runs on ragged blob edges
// are a few pixels long). m is scratch of at least maskWords(len(row))
// words; rs must hold the row's runs (countByteRuns), and its elements
// past them, up to its capacity, may be overwritten.
func byteRuns(row []uint8, m []uint64, rs []run) int {
	m = m[:maskWords(len(row))]
	rowMask(row, m)
	return maskRuns(m, len(row), rs)
}

// maskRuns writes the runs of the row of n pixels whose mask is m into rs
// (at least as long as the row has runs) and returns their number; the
// elements of rs past them, up to its capacity, may be overwritten. The
// edges of a word (the bits that differ from their left neighbour) are
// the runs' starts and ends in turn, and a run is two int32s, start then
// end: the k-th edge of the row is the k-th int32 of rs. They are written
// four at a time, whatever the word holds (the surplus, past its edges,
// is overwritten by the next word's or left past the runs), so a word
// costs one loop of a quarter of its edges rather than a loop per edge
// kind whose exits are as good as random on ragged edges.
func maskRuns(m []uint64, n int, rs []run) int {
	e := unsafe.Slice((*int32)(unsafe.Pointer(unsafe.SliceData(rs))), 2*cap(rs))
	ne := 0
	prev := uint64(0) // bit 0: the last pixel of the previous word is foreground
	for k, w := range m {
		x := int32(64 * k)
		edges := w ^ (w<<1 | prev)
		prev = w >> 63
		c := bits.OnesCount64(edges)
		if ne+(c+3)&^3 > len(e) { // only next to the end of rs: exactly
			for ; edges != 0; edges &= edges - 1 {
				e[ne] = x + int32(bits.TrailingZeros64(edges))
				ne++
			}
			continue
		}
		for q := ne; edges != 0; q += 4 {
			f := e[q : q+4 : q+4]
			f[0] = x + int32(bits.TrailingZeros64(edges))
			edges &= edges - 1
			f[1] = x + int32(bits.TrailingZeros64(edges))
			edges &= edges - 1
			f[2] = x + int32(bits.TrailingZeros64(edges))
			edges &= edges - 1
			f[3] = x + int32(bits.TrailingZeros64(edges))
			edges &= edges - 1
		}
		ne += c
	}
	if ne&1 != 0 { // the last run reaches the row's end
		e[ne] = int32(n)
		ne++
	}
	return ne / 2
}

// maskWords is the number of mask words of a row of n pixels.
func maskWords(n int) int { return (n + 63) / 64 }

// rowMask sets bit i of m[k] when row[64k+i] is nonzero, for the
// maskWords(len(row)) words of m (the bits past the row's end are 0).
func rowMask(row []uint8, m []uint64) {
	k := simdRowMask(row, m)
	for ; 64*k+64 <= len(row); k++ {
		m[k] = mask64(row[64*k:])
	}
	if x := 64 * k; x < len(row) {
		var w uint64
		for i, v := range row[x:] {
			if v != 0 {
				w |= 1 << i
			}
		}
		m[k] = w
	}
}

// maskCount is the number of runs of a row whose mask is m: the set bits
// whose left neighbour is clear.
func maskCount(m []uint64) int {
	n := 0
	prev := uint64(0) // bit 0: the last bit of the previous word
	for _, w := range m {
		n += bits.OnesCount64(w &^ (w<<1 | prev))
		prev = w >> 63
	}
	return n
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

// countByteRuns counts the runs of nonzero bytes of a row (m is scratch
// of at least maskWords(len(row)) words).
func countByteRuns(row []uint8, m []uint64) int {
	m = m[:maskWords(len(row))]
	rowMask(row, m)
	return maskCount(m)
}
