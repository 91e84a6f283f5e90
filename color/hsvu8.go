package color

// hsvU8 is rgbToHsv for uint8 in and out, a whole row: the exact result
// rounded half away from zero. With the bytes R, G, B, V = max, D = V -
// min, rgb2hsv's results are rationals of small integers: v·255 = V,
// s·255 = 255 D/V, h·255 = 255 N/(6 D), where N = off·D + num (num and off
// as hsvRow chooses them: blue's formula over green's over red's) plus 6 D
// where it is below 0 (numpy's mod 1). Rounded half up, s is floor((510 D
// + V)/(2 V)) and h floor((255 N + 3 D)/(6 D)); D = 0 gives 0 for both.
// These are skimage's float64 values rounded, except at the ties (x.5
// exactly, about 5% of the pixels of a smooth image), where skimage's
// float64 may fall just below and round down: within 1, as doc.go says.
// The float64 row and its rounding cost three divisions a pixel and, on
// ties, decided nothing better. hsvU8SIMD's AVX2 loop runs first where
// there is one (the same integers), hsvU8Row's Go loop does the rest.
func hsvU8(o0, o1, o2, rr, gg, bb []uint8) int {
	n := hsvU8SIMD(o0, o1, o2, rr, gg, bb)
	hsvU8Row(o0[n:], o1[n:], o2[n:], rr[n:], gg[n:], bb[n:])
	return len(o0)
}

// hsvU8Row is hsvU8 in Go, with integer divisions. Each pixel is read
// before it is written: the outputs may be the inputs.
func hsvU8Row(o0, o1, o2, rr, gg, bb []uint8) {
	n := len(o0)
	o1, o2, rr, gg, bb = o1[:n], o2[:n], rr[:n], gg[:n], bb[:n]
	for x := range o0 {
		r, g, b := int32(rr[x]), int32(gg[x]), int32(bb[x])
		v := max(r, g, b)
		d := v - min(r, g, b)
		if d == 0 {
			o0[x], o1[x], o2[x] = 0, 0, uint8(v)
			continue
		}
		var num int32
		switch v {
		case b:
			num = 4*d + r - g
		case g:
			num = 2*d + b - r
		default:
			num = g - b
		}
		if num < 0 {
			num += 6 * d
		}
		o0[x] = uint8((255*num + 3*d) / (6 * d))
		o1[x] = uint8((510*d + v) / (2 * v))
		o2[x] = uint8(v)
	}
}
