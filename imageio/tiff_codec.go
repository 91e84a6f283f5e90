package imageio

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"unsafe"
)

// nativeLittle is true on little-endian machines.
var nativeLittle = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// decompress fills dst, exactly, from the compressed chunk src.
func decompress(comp int, src, dst []byte) error {
	switch comp {
	case compNone:
		if len(src) < len(dst) {
			return fmt.Errorf("uncompressed chunk of %d bytes, want %d: %w", len(src), len(dst), ErrCorrupt)
		}
		copy(dst, src)
		return nil
	case compAdobeDefl, compDeflate:
		zr, err := zlib.NewReader(bytes.NewReader(src))
		if err != nil {
			return fmt.Errorf("deflate: %v: %w", err, ErrCorrupt)
		}
		if _, err := io.ReadFull(zr, dst); err != nil {
			return fmt.Errorf("deflate chunk decodes short of %d bytes: %v: %w", len(dst), err, ErrCorrupt)
		}
		return nil
	case compLZW:
		return lzwDecode(src, dst)
	case compPackBits:
		return packBitsDecode(src, dst)
	}
	return fmt.Errorf("compression %d: %w", comp, ErrUnsupported)
}

func packBitsDecode(src, dst []byte) error {
	o := 0
	for i := 0; i < len(src) && o < len(dst); {
		n := int(int8(src[i]))
		i++
		switch {
		case n >= 0:
			k := min(n+1, len(src)-i, len(dst)-o)
			copy(dst[o:], src[i:i+k])
			i, o = i+n+1, o+k
		case n != -128:
			if i >= len(src) {
				break
			}
			k := min(1-n, len(dst)-o)
			for j := range k {
				dst[o+j] = src[i]
			}
			i, o = i+1, o+k
		}
	}
	if o < len(dst) {
		return fmt.Errorf("packbits chunk decodes to %d bytes, want %d: %w", o, len(dst), ErrCorrupt)
	}
	return nil
}

// swapBytes reverses every item of size isz in b, in place.
func swapBytes(b []byte, isz int) {
	switch isz {
	case 2:
		for i := 0; i+1 < len(b); i += 2 {
			b[i], b[i+1] = b[i+1], b[i]
		}
	case 4:
		for i := 0; i+3 < len(b); i += 4 {
			v := binary.LittleEndian.Uint32(b[i:])
			binary.LittleEndian.PutUint32(b[i:], bits.ReverseBytes32(v))
		}
	case 8:
		for i := 0; i+7 < len(b); i += 8 {
			v := binary.LittleEndian.Uint64(b[i:])
			binary.LittleEndian.PutUint64(b[i:], bits.ReverseBytes64(v))
		}
	}
}

// undoPredictor integrates horizontal differences in native-order rows of
// rowBytes bytes holding items of size isz, spc interleaved samples per
// pixel. b must be aligned to isz.
func undoPredictor(b []byte, rowBytes, isz, spc int) {
	for r := 0; r+rowBytes <= len(b); r += rowBytes {
		row := b[r : r+rowBytes]
		switch isz {
		case 1:
			accumulate(row, spc)
		case 2:
			accumulate(unsafe.Slice((*uint16)(unsafe.Pointer(&row[0])), rowBytes/2), spc)
		case 4:
			accumulate(unsafe.Slice((*uint32)(unsafe.Pointer(&row[0])), rowBytes/4), spc)
		case 8:
			accumulate(unsafe.Slice((*uint64)(unsafe.Pointer(&row[0])), rowBytes/8), spc)
		}
	}
}

func accumulate[T uint8 | uint16 | uint32 | uint64](v []T, spc int) {
	for i := spc; i < len(v); i++ {
		v[i] += v[i-spc]
	}
}

// undoFloatPredictor decodes TIFF predictor 3 (Adobe TIFF Technical Note
// 3) in place: each row holds its samples' bytes split by significance,
// most significant first, then byte differences spc apart. The result is
// in native order whatever the file's byte order. tmp is scratch.
func undoFloatPredictor(b []byte, rowBytes, isz, spc int, tmp []byte) []byte {
	n := rowBytes / isz
	for r := 0; r+rowBytes <= len(b); r += rowBytes {
		row := b[r : r+rowBytes]
		for i := spc; i < rowBytes; i++ {
			row[i] += row[i-spc]
		}
		tmp = append(tmp[:0], row...)
		for k := range isz {
			plane := tmp[k*n : (k+1)*n]
			pos := isz - 1 - k // the k-th most significant byte
			if !nativeLittle {
				pos = k
			}
			for j, v := range plane {
				row[j*isz+pos] = v
			}
		}
	}
	return tmp
}

// applyPredictor is the inverse of undoPredictor, for the writer: it
// turns each row into horizontal differences, last pixel first.
func applyPredictor(b []byte, rowBytes, isz, spc int) {
	for r := 0; r+rowBytes <= len(b); r += rowBytes {
		row := b[r : r+rowBytes]
		switch isz {
		case 1:
			difference(row, spc)
		case 2:
			difference(unsafe.Slice((*uint16)(unsafe.Pointer(&row[0])), rowBytes/2), spc)
		case 4:
			difference(unsafe.Slice((*uint32)(unsafe.Pointer(&row[0])), rowBytes/4), spc)
		case 8:
			difference(unsafe.Slice((*uint64)(unsafe.Pointer(&row[0])), rowBytes/8), spc)
		}
	}
}

func difference[T uint8 | uint16 | uint32 | uint64](v []T, spc int) {
	for i := len(v) - 1; i >= spc; i-- {
		v[i] -= v[i-spc]
	}
}

// alignedBytes allocates n bytes aligned to 8, so that typed views of any
// pixel type are valid.
func alignedBytes(n int) []byte {
	if n == 0 {
		return nil
	}
	s := make([]uint64, (n+7)/8)
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), n)
}
