package util

import (
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/flat"
	pw "github.com/gipsdev/gips/internal/pointwise"
	"github.com/gipsdev/gips/ops"
)

// The flat kernels of convertImg and copyImg (internal/flat: the C
// boundary's path for small numpy arrays): a clamp conversion between
// any two plain types, convert's row (clampRow) over whole buffers.
// Scaled and Binary conversions go the general way (capi's
// TestFlatDeclines says so).
func init() {
	rows := new(convRows)
	from[uint8](rows)
	from[int8](rows)
	from[uint16](rows)
	from[int16](rows)
	from[uint32](rows)
	from[int32](rows)
	from[float32](rows)
	from[float64](rows)
	flat.Register("util.convertImg", func(out gips.BufferType, n int, in flat.Types, d []byte, s flat.Buffers, p ops.Values) bool {
		// The output parameter is the array's type (not a Binary or label
		// type stored in it): the general path checks the geometry.
		f := rows.of(out, in[0])
		if f == nil || n != 1 || p.String("scaling") != string(Clamp) || p.String("output") != out.String() {
			return false
		}
		// The output from its first whole cache line on (pw.Head): numpy's
		// arrays start 16 bytes into one, and the widening's 64-byte
		// stores each spanned two lines (96% of simdU8F32's samples sat
		// after its store; uint8 to float32 at 256², from Python: 7.7 -> 5.3 us).
		if h := pw.HeadBytes(d, out.ItemSize()); h > 0 {
			hs := h / out.ItemSize() * in[0].ItemSize() // the source's bytes of those pixels
			f(d[:h], s[0][:hs])
			d, s[0] = d[h:], s[0][hs:]
		}
		f(d, s[0])
		return true
	})
	// copyImg: the bytes, of any type (a Binary image's too); its output
	// may be its input (copy allows it).
	copies := flat.Rows1{}
	for _, t := range gips.BufferTypes {
		copies[t] = func(d, s []byte) { copy(d, s) }
	}
	flat.Register("util.copyImg", flat.Same1(copies))
	// Outputs of 32 MiB or more go through a cached block, streamed out
	// (internal/stream). eraseImg's too: a fill reads nothing, but its
	// plain stores read each line of a large output from memory first; a
	// 512x512x256 uint16 fill from Python took 3.35-3.39 ms streamed
	// against 4.13-4.28 at one thread, 1.69-1.83 against 2.09-2.37 at two
	// (the least of 15 calls, three alternating runs, 2026-12-06).
	flat.Stream("util.convertImg", "util.copyImg", "util.eraseImg")
}

// convRows are the flat rows by output and input type (a table: a map's
// hashing of the pair was a tenth of the Go side of an 8x8 call).
type convRows [16][16]func(d, s []byte)

// of is the row from type in to type out, or nil.
func (r *convRows) of(out, in gips.BufferType) func(d, s []byte) {
	if out >= 16 || in >= 16 {
		return nil
	}
	return r[out][in]
}

// from adds the flat rows from type S to every plain type.
func from[S gips.Pixel](rows *convRows) {
	to[S, uint8](rows)
	to[S, int8](rows)
	to[S, uint16](rows)
	to[S, int16](rows)
	to[S, uint32](rows)
	to[S, int32](rows)
	to[S, float32](rows)
	to[S, float64](rows)
}

func to[S, D gips.Pixel](rows *convRows) {
	row := clampRow[D, S]()
	rows[gips.TypeOf[D]()][gips.TypeOf[S]()] = func(d, s []byte) { row(flat.As[D](d), flat.As[S](s)) }
}

// convertRow sets d[i] = D(s[i]): convert's row when every value of S is
// one of D, or D is a float type (clamp.go).
func convertRow[D, S gips.Pixel](d []D, s []S) {
	s = s[:len(d)]
	if gips.TypeOf[D]() == gips.TypeOf[S]() {
		var z S
		size := int(unsafe.Sizeof(z))
		copy(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(d))), size*len(d)), unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), size*len(s)))
		return
	}
	n := toFloat32(d, s) // 8- and 16-bit integers to Real32: AVX2 first under GOEXPERIMENT=simd
	if n == 0 {
		n = simdConv(d, s)
	}
	d, s = d[n:], s[n:]
	for i := range d {
		d[i] = D(s[i])
	}
}
