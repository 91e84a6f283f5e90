package imageio

import "fmt"

// lzwDecode decodes TIFF LZW (MSB-first codes, 9 to 12 bits, the code
// width growing one code early as libtiff does) into dst, which it fills.
// Go's compress/lzw does not implement the early change, so it cannot read
// TIFF files.
func lzwDecode(src, dst []byte) error {
	const clear, eoi, first = 256, 257, 258
	var prefix [4096]uint16
	var suffix, head [4096]byte
	var length [4096]int
	for i := range 256 {
		suffix[i], head[i], length[i] = byte(i), byte(i), 1
	}
	width, next, prev := uint(9), first, -1
	var acc uint64
	var nacc uint
	in, out := 0, 0
	emit := func(code int) {
		l := length[code]
		c := code
		for k := l - 1; k >= 0; k-- {
			if out+k < len(dst) {
				dst[out+k] = suffix[c]
			}
			c = int(prefix[c])
		}
		out += l
	}
	for out < len(dst) {
		for nacc < width && in < len(src) {
			acc = acc<<8 | uint64(src[in])
			in++
			nacc += 8
		}
		if nacc < width {
			break
		}
		code := int(acc>>(nacc-width)) & (1<<width - 1)
		nacc -= width
		switch {
		case code == clear:
			width, next, prev = 9, first, -1
			continue
		case code == eoi:
			return lzwEnd(out, len(dst))
		case prev < 0:
			if code >= 256 {
				return fmt.Errorf("lzw: code %d after a clear: %w", code, ErrCorrupt)
			}
			emit(code)
			prev = code
			continue
		case code > next || code == next && next >= 4096:
			return fmt.Errorf("lzw: code %d beyond table of %d: %w", code, next, ErrCorrupt)
		}
		if next < 4096 {
			// The new entry is prev's string plus the first byte of code's
			// string (of prev's, when code is the entry being made).
			h := head[prev]
			if code < next {
				h = head[code]
			}
			prefix[next], suffix[next], head[next], length[next] = uint16(prev), h, head[prev], length[prev]+1
			next++
		}
		emit(code)
		prev = code
		if next >= 1<<width-1 && width < 12 {
			width++
		}
	}
	return lzwEnd(out, len(dst))
}

func lzwEnd(out, want int) error {
	if out < want {
		return fmt.Errorf("lzw chunk decodes to %d bytes, want %d: %w", out, want, ErrCorrupt)
	}
	return nil
}
