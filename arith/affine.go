package arith

// affineOne32 is the Go twin of the AVX2 kernel simdAffine8: a*k + c5 in
// float32 (no fused multiply-add), clamped to [0, 255] and truncated.
func affineOne32(a uint8, k, c5 float32) uint8 {
	v := float32(k*float32(a)) + c5
	return uint8(min(max(v, 0), 255))
}

// affine8Row is the row kernel of a UInt8 multiply (op sMul) or divide
// by v through the AVX2 float32 kernel with weight v or 1/v, if that
// kernel gives want's value (the op's results) for every one of the 256
// bytes; nil without AVX2 or when it does not match exactly (the caller
// then uses the table).
func affine8Row(want *[256]uint8, op sop, v float64) func(d, s []uint8) {
	if !haveAVX2 {
		return nil
	}
	k := v
	if op == sDiv {
		k = 1 / v
	}
	var all, got [256]uint8
	for i := range all {
		all[i] = uint8(i)
	}
	k32, c5 := float32(k), float32(0.5)
	if simdAffine8(got[:], all[:], k32, c5) != len(got) || got != *want {
		return nil
	}
	lut := *want
	return func(d, s []uint8) {
		s = s[:len(d)]
		n := simdAffine8(d, s, k32, c5)
		for i := n; i < len(d); i++ {
			d[i] = lut[s[i]]
		}
	}
}
