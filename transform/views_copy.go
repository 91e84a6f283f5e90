package transform

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"unsafe"

	"github.com/gipsdev/gips"
)

// The copies of flips and quarter turns (the registry ops, and the views
// that the plane model cannot express) run at memory speed: a reversal of
// x reverses each row in place of a pixel-by-pixel walk (256 bytes at a
// time with AVX-512, 128 with AVX2, 8 with a 64-bit byte swap in Go), an
// exchange of x and y transposes tiles in vector registers (16x8 bytes,
// 8x8 16- and 32-bit pixels, 4x4 64-bit ones: transpose_simd.go) or, in
// the pure-Go build, 8x8 tiles of bytes (4x4 of 16-bit pixels) in 64-bit
// words, and a result that is a view is copied row by row. Every other
// reordering (those that move z into x) takes the pixel-by-pixel path.

// FlipInto writes src reversed along axis a into dst, which has src's
// sizes and storage: Flip's pixels without the view.
func FlipInto(dst, src *gips.Image, a Axis) error {
	if err := checkAxis("flip", src, a); err != nil {
		return err
	}
	from, rev := [3]int{0, 1, 2}, [3]bool{}
	rev[a] = true
	return arrangeInto("flip", dst, src, from, rev)
}

// Rot90Into writes src turned by k quarter turns in plane into dst, whose
// sizes are the turned ones: Rot90's pixels without the view.
func Rot90Into(dst, src *gips.Image, k int, plane Axes) error {
	from, rev, err := rot90Axes(src, k, plane)
	if err != nil {
		return err
	}
	return arrangeInto("rot90", dst, src, from, rev)
}

// arrangeInto writes arrange(src, from, rev) into dst: a row copy when
// that is a view, else the permuted copy.
func arrangeInto(fn string, dst, src *gips.Image, from [3]int, rev [3]bool) error {
	gs, gd := src.Geometry(), dst.Geometry()
	n := [3]int{gs.SizeX, gs.SizeY, gs.SizeZ}
	if gd.SizeX != n[from[0]] || gd.SizeY != n[from[1]] || gd.SizeZ != n[from[2]] || gd.SizeC != gs.SizeC || gd.SizeT != gs.SizeT ||
		gd.Type.Storage() != gs.Type.Storage() {
		return fmt.Errorf("%s: output %v does not hold input %v reordered: %w", fn, gd, gs, gips.ErrShape)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	if from[0] == 0 && !rev[0] {
		v, err := arrange(src, from, rev)
		if err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
		return gips.CopyImg(v, dst)
	}
	return permuteInto(dst, src, from, rev)
}

// permuteInto is the copying reorder: dst's axis a reads src's axis
// from[a], reversed where rev[a]. dst must not share memory with src.
func permuteInto(dst, src *gips.Image, from [3]int, rev [3]bool) error {
	a := permArgs{dst: dst, src: src, from: from, rev: rev}
	return gips.Dispatch(src.Type(), gips.AllKernels(permute[uint8], permute[int8], permute[uint16], permute[int16],
		permute[uint32], permute[int32], permute[float32], permute[float64]), a)
}

// asBytes is a row's memory.
func asBytes[T gips.Pixel](r []T) []byte {
	var z T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(r))), len(r)*int(unsafe.Sizeof(z)))
}

// reverseRow sets dst to src's elements (size bytes each) in reverse order.
func reverseRow(dst, src []byte, size int) {
	k := 0
	if reverseBytes != nil && len(src) >= 32 {
		k = reverseBytes(dst, src, size)
	}
	reverseRowGo(dst[k:len(src)], src[:len(src)-k], size)
}

// reverseRowGo is reverseRow's pure-Go version: 32 bytes at a time, then
// 8, each word's elements reversed in place by reverseWords, then element
// by element.
func reverseRowGo(dst, src []byte, size int) {
	n := len(src)
	k := 0
	switch size {
	case 1:
		k = reverseWords[uint8](dst, src)
	case 2:
		k = reverseWords[uint16](dst, src)
	case 4:
		k = reverseWords[uint32](dst, src)
	case 8:
		k = reverseWords[uint64](dst, src)
	}
	for ; k < n; k += size {
		copy(dst[k:k+size], src[n-k-size:n-k])
	}
}

// reverseWords fills a multiple of 8 leading bytes of dst with the
// elements of type T from the end of src in reverse order and returns how
// many: a word read from the end, its elements put in reverse order. One
// body per element size (T's size is a constant in each), four words a
// step: with the size tested per word and one word a step the 128 MiB
// volume took 63 ms, 40 this way.
func reverseWords[T uint8 | uint16 | uint32 | uint64](dst, src []byte) int {
	var z T
	size := unsafe.Sizeof(z)
	swap := func(w uint64) uint64 {
		switch size {
		case 1:
			return bits.ReverseBytes64(w)
		case 2:
			w = bits.RotateLeft64(w, 32)
			return (w>>16)&0x0000ffff0000ffff | (w&0x0000ffff0000ffff)<<16
		case 4:
			return bits.RotateLeft64(w, 32)
		}
		return w
	}
	n, end := min(len(dst), len(src)), len(src)
	le := binary.LittleEndian
	k := 0
	for ; k+32 <= n; k += 32 {
		s := (*[32]byte)(src[end-k-32 : end-k])
		d := (*[32]byte)(dst[k : k+32])
		w0, w1, w2, w3 := le.Uint64(s[24:]), le.Uint64(s[16:]), le.Uint64(s[8:]), le.Uint64(s[0:])
		le.PutUint64(d[0:], swap(w0))
		le.PutUint64(d[8:], swap(w1))
		le.PutUint64(d[16:], swap(w2))
		le.PutUint64(d[24:], swap(w3))
	}
	for ; k+8 <= n; k += 8 {
		le.PutUint64(dst[k:], swap(le.Uint64(src[end-k-8:])))
	}
	return k
}

// transposeTile8 transposes 8 rows of 8 bytes (a[i] byte j is row i,
// column j) in three rounds of swaps: bytes, pairs, quads.
func transposeTile8(a *[8]uint64) {
	const m1, m2, m4 = 0x00ff00ff00ff00ff, 0x0000ffff0000ffff, 0x00000000ffffffff
	for i := 0; i < 8; i += 2 {
		p, q := a[i], a[i+1]
		a[i], a[i+1] = p&m1|(q<<8)&^m1, (p>>8)&m1|q&^m1
	}
	for _, i := range [4]int{0, 1, 4, 5} {
		p, q := a[i], a[i+2]
		a[i], a[i+2] = p&m2|(q<<16)&^m2, (p>>16)&m2|q&^m2
	}
	for i := 0; i < 4; i++ {
		p, q := a[i], a[i+4]
		a[i], a[i+4] = p&m4|(q<<32)&^m4, (p>>32)&m4|q&^m4
	}
}

// transposeTile4 transposes 4 rows of 4 16-bit pixels.
func transposeTile4(a *[8]uint64) {
	const m2, m4 = 0x0000ffff0000ffff, 0x00000000ffffffff
	for i := 0; i < 4; i += 2 {
		p, q := a[i], a[i+1]
		a[i], a[i+1] = p&m2|(q<<16)&^m2, (p>>16)&m2|q&^m2
	}
	for i := 0; i < 2; i++ {
		p, q := a[i], a[i+2]
		a[i], a[i+2] = p&m4|(q<<32)&^m4, (p>>32)&m4|q&^m4
	}
}

// transposeRows writes output rows y0..y1 of a plane that exchanges x and
// y: out[y][x] = in[ry(x)][cx(y)], with ry(x) = x (h-1-x when revX) and
// cx(y) = y (w-1-y when revY), w and h the input's sizes: 1-, 2-, 4- and
// 8-byte pixels by vector tiles where the tier has them (transposeVec),
// the rest by transposeRowsGo.
func transposeRows[T gips.Pixel](out, in gips.Plane[T], revX, revY bool, y0, y1 int) {
	var z T
	if tw, th := vecTile(int(unsafe.Sizeof(z))); tw > 0 {
		y0 = transposeVec(out, in, revX, revY, y0, y1, tw, th)
	}
	if y0 == y1 {
		return
	}
	rows := make([][]T, in.Height)
	for y := range rows {
		rows[y] = in.Row(y)
	}
	transposeRowsGo(out, rows, revX, revY, y0, y1)
}

// transposeRowsGo is transposeRows with in's rows: 1- and 2-byte pixels
// go by tiles of 8 (4) pixels in 64-bit words, the rest and the edges
// pixel by pixel.
func transposeRowsGo[T gips.Pixel](out gips.Plane[T], in [][]T, revX, revY bool, y0, y1 int) {
	var z T
	size := int(unsafe.Sizeof(z))
	h := len(in)
	w := out.Height
	ry := func(x int) int {
		if revX {
			return h - 1 - x
		}
		return x
	}
	cx := func(y int) int {
		if revY {
			return w - 1 - y
		}
		return y
	}
	t := 0
	switch size {
	case 1:
		t = 8
	case 2:
		t = 4
	}
	y := y0
	if t > 0 {
		// Whole tiles, in blocks of 64x64 output pixels so that the input
		// lines a block reads (64 rows, 64 columns) stay in cache.
		yFull, xFull := y0+(y1-y0)/t*t, out.Width/t*t
		var a [8]uint64
		for yb := y0; yb < yFull; yb += 64 {
			ye := min(yb+64, yFull)
			for xb := 0; xb < xFull; xb += 64 {
				xe := min(xb+64, xFull)
				for yy := yb; yy < ye; yy += t {
					// Input columns c0..c0+t-1 hold output rows yy..yy+t-1
					// (reversed when revY).
					c0 := yy
					if revY {
						c0 = w - t - yy
					}
					for x := xb; x < xe; x += t {
						for i := 0; i < t; i++ {
							r := x + i
							if revX {
								r = h - 1 - r
							}
							a[i] = binary.LittleEndian.Uint64(asBytes(in[r][c0 : c0+t]))
						}
						if t == 8 {
							transposeTile8(&a)
						} else {
							transposeTile4(&a)
						}
						for j := 0; j < t; j++ {
							r := yy + j
							if revY {
								r = yy + t - 1 - j
							}
							binary.LittleEndian.PutUint64(asBytes(out.Row(r)[x:x+t]), a[j])
						}
					}
				}
			}
			for r := yb; r < ye; r++ {
				row, c := out.Row(r), cx(r)
				for xx := xFull; xx < out.Width; xx++ {
					row[xx] = in[ry(xx)][c]
				}
			}
		}
		y = yFull
	}
	// Pixel by pixel in tiles of 32 output columns, so that the input
	// rows a tile reads stay in cache.
	const tile = 32
	for yb := y; yb < y1; yb += tile {
		ye := min(yb+tile, y1)
		for xb := 0; xb < out.Width; xb += tile {
			xe := min(xb+tile, out.Width)
			for r := yb; r < ye; r++ {
				row, c := out.Row(r)[xb:xe], cx(r)
				for i := range row {
					row[i] = in[ry(xb+i)][c]
				}
			}
		}
	}
}

// transposeVec is transposeRows' vector tiles (tw output columns by th
// output rows, vecTile): output rows y0 up to the last whole tile row
// before y1, in blocks of 64x64 output pixels so that the input lines a
// block reads stay in cache, with the columns past the last whole tile
// pixel by pixel. It returns the first row it did not write.
func transposeVec[T gips.Pixel](out, in gips.Plane[T], revX, revY bool, y0, y1, tw, th int) int {
	var z T
	size := int(unsafe.Sizeof(z))
	h, w := in.Height, in.Width
	yFull, xFull := y0+(y1-y0)/th*th, out.Width/tw*tw
	if yFull == y0 {
		return y0
	}
	// Output rows ds bytes apart (upwards when revY: a tile's column j
	// is output row yy+th-1-j), input rows ss apart (reversed: revX).
	ds, ss := out.Stride*size, in.Stride*size
	if revY {
		ds = -ds
	}
	if revX {
		ss = -ss
	}
	const block = 64
	for yb := y0; yb < yFull; yb += block {
		ye := min(yb+block, yFull)
		for xb := 0; xb < xFull; xb += block {
			xe := min(xb+block, xFull)
			r0 := xb
			if revX {
				r0 = h - 1 - xb
			}
			if xe < xFull {
				// The next block's input lines, asked for now: a block
				// reads its input down a column of lines, which the
				// hardware does not prefetch (a 512x512x128 float32
				// volume: 44-45 ms at one thread without, 26 with).
				nr, c := xe, yb
				if revX {
					nr = h - 1 - xe
				}
				if revY {
					c = w - ye
				}
				prefetchRows(unsafe.Pointer(&in.Row(nr)[c]), ss, min(block, xFull-xe), (ye-yb)*size)
			}
			for yy := yb; yy < ye; yy += th {
				c0, dy := yy, yy
				if revY {
					c0, dy = w-th-yy, yy+th-1
				}
				transposeStrip(size, unsafe.Pointer(&out.Row(dy)[xb]), ds, unsafe.Pointer(&in.Row(r0)[c0]), ss, (xe-xb)/tw)
			}
		}
		for r := yb; r < ye; r++ {
			row, c := out.Row(r), r
			if revY {
				c = w - 1 - r
			}
			for x := xFull; x < out.Width; x++ {
				rx := x
				if revX {
					rx = h - 1 - x
				}
				row[x] = in.Row(rx)[c]
			}
		}
	}
	return yFull
}
