//go:build goexperiment.simd && amd64

package morpho

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 and AVX-512 kernels of box3Row (box3.go); TestBox3MatchesGeneric
// runs them against the pure-Go path.

func init() {
	if archsimd.X86.AVX2() {
		simdBox3 = box3AVX2
	}
	if archsimd.X86.AVX512() {
		simdTri = triAVX512
		f32Clean = f32CleanAVX512
	}
}

// f32CleanAVX512 is f32Clean (box3.go) 16 pixels a step: the greatest
// magnitude (bits less the sign) is a NaN's iff over +Inf's, and the least
// of the bits with the sign flipped is 0 iff a -0 is there. A row shorter
// than a vector is not clean (the kernels it would save do not run).
func f32CleanAVX512(row []byte) bool {
	n := len(row) &^ 3
	if n < 64 {
		return false
	}
	defer archsimd.ClearAVXUpperBits()
	p := unsafe.Pointer(&row[0])
	abs, sign := archsimd.BroadcastUint32x16(1<<31-1), archsimd.BroadcastUint32x16(1<<31)
	mag, neg := archsimd.BroadcastUint32x16(0), archsimd.BroadcastUint32x16(1<<32-1)
	f := func(i int) {
		u := ld16w(p, i).AsUint32x16()
		mag, neg = mag.Max(u.And(abs)), neg.Min(u.Xor(sign))
	}
	for i := 0; i+64 <= n; i += 64 {
		f(i)
	}
	f(n - 64)
	var m, g [16]uint32
	mag.Store(&m)
	neg.Store(&g)
	for i := range m {
		if m[i] > 0x7f800000 || g[i] == 0 {
			return false
		}
	}
	return true
}

// tri512F32Clean is tri512F32 on rows without NaN and -0 (f32Clean):
// there Go's min and max are MINPS and MAXPS.
func tri512F32Clean(hi bool, o, a, b, c unsafe.Pointer, n int) {
	if hi {
		f := func(j int) { f32w(a, j).Max(f32w(b, j)).Max(f32w(c, j)).AsUint16x32().Store(p16w(o, j)) }
		for i := 0; i+64 <= n; i += 64 {
			f(i)
		}
		if n%64 != 0 {
			f(n - 64)
		}
		return
	}
	f := func(j int) { f32w(a, j).Min(f32w(b, j)).Min(f32w(c, j)).AsUint16x32().Store(p16w(o, j)) }
	for i := 0; i+64 <= n; i += 64 {
		f(i)
	}
	if n%64 != 0 {
		f(n - 64)
	}
}

// triAVX512 is simdTri (rowops.go) for int16 and float32 rows (which
// took the AVX2 reduce kernel's pointer walk): two int16 rows are a, b, b (the
// extreme of a and b again with b is that of a and b), two float32 rows
// take pair512F32. n is whole vectors: no overlapping last one, as out
// may be a or b.
func triAVX512(lk laneKind, hi bool, out, a, b, c []byte) int {
	n := len(out) &^ 63
	if !box3Wide || n == 0 || lk == kU8 || lk == kU16 {
		return 0 // unsigned 8- and 16-bit rows keep mmAVX2: 8-15% faster on the long windows' passes (measured)
	}
	tri := tri3Of(lk, n)
	if c == nil {
		c = b
		if lk == kF32 {
			tri = pair512F32 // a float minimum costs five instructions: not one more
		}
	}
	if tri == nil || len(a) < n || len(b) < n || len(c) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	tri(hi, unsafe.Pointer(&out[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0]), unsafe.Pointer(&c[0]), n)
	return n
}

// pair512F32 is tri512F32 of a and b alone (c is not read).
func pair512F32(hi bool, o, a, b, _ unsafe.Pointer, n int) {
	if hi {
		s := archsimd.BroadcastUint32x16(1 << 31)
		ng := func(p unsafe.Pointer, i int) archsimd.Float32x16 {
			return ld16w(p, i).AsUint32x16().Xor(s).AsFloat32x16()
		}
		for i := 0; i+64 <= n; i += 64 {
			fmin32w(ng(a, i), ng(b, i)).AsUint32x16().Xor(s).AsUint16x32().Store(p16w(o, i))
		}
		return
	}
	for i := 0; i+64 <= n; i += 64 {
		fmin32w(f32w(a, i), f32w(b, i)).AsUint16x32().Store(p16w(o, i))
	}
}

// tri3 sets o[i] = op(a[i], b[i], c[i]) over n bytes (at least a
// vector), the last vector overlapping the one before; o is none of a, b,
// c.
type tri3 func(hi bool, o, a, b, c unsafe.Pointer, n int)

// tri3Of is the kernel of lane kind lk for rows of n bytes: AVX-512 (64
// bytes a step) from 64 bytes on, else AVX2; nil if there is none.
func tri3Of(lk laneKind, n int) tri3 {
	if box3Wide && archsimd.X86.AVX512() && n >= 64 {
		switch lk {
		case kU8:
			return tri512U8
		case kU16:
			return tri512U16
		case kI16:
			return tri512I16
		case kF32:
			return tri512F32
		}
	}
	if n < 32 {
		return nil
	}
	switch lk {
	case kU8:
		return triU8
	case kU16:
		return triU16
	case kI16:
		return triI16
	case kF32:
		return triF32
	}
	return nil
}

func box3AVX2(lk laneKind, hi bool, out, ext, r0, r1, r2 []byte, e xEdges, cval []byte, clean bool) bool {
	size, n := len(cval), len(out)
	tri := tri3Of(lk, n)
	if clean && lk == kF32 && box3Wide && archsimd.X86.AVX512() && n >= 64 && f32CleanPixel(cval) {
		tri = tri512F32Clean
	}
	if tri == nil || len(ext) != n+2*size || len(r0) != n || len(r1) != n || len(r2) != n {
		return false
	}
	defer archsimd.ClearAVXUpperBits()
	ep := unsafe.Pointer(&ext[0])
	tri(hi, unsafe.Add(ep, size), unsafe.Pointer(&r0[0]), unsafe.Pointer(&r1[0]), unsafe.Pointer(&r2[0]), n)
	edgePixel(ext[:size], ext[size:size+n], e.j0, cval)
	edgePixel(ext[size+n:], ext[size:size+n], e.j1, cval)
	tri(hi, unsafe.Pointer(&out[0]), ep, unsafe.Add(ep, size), unsafe.Add(ep, 2*size), n)
	return true
}

// edgePixel sets the pixel dst to pixel j of row v (bytes), or to cval
// when j < 0.
func edgePixel(dst, v []byte, j int, cval []byte) {
	if j < 0 {
		copy(dst, cval)
		return
	}
	copy(dst, v[j*len(cval):(j+1)*len(cval)])
}

// The loops below step w bytes (32 or 64) while a whole vector remains,
// then do the last vector at n-w when n is not a multiple of w.

func triU8(hi bool, o, a, b, c unsafe.Pointer, n int) {
	if hi {
		f := func(j int) { ld8(a, j).Max(ld8(b, j)).Max(ld8(c, j)).Store(p8(o, j)) }
		for i := 0; i+32 <= n; i += 32 {
			f(i)
		}
		if n%32 != 0 {
			f(n - 32)
		}
		return
	}
	f := func(j int) { ld8(a, j).Min(ld8(b, j)).Min(ld8(c, j)).Store(p8(o, j)) }
	for i := 0; i+32 <= n; i += 32 {
		f(i)
	}
	if n%32 != 0 {
		f(n - 32)
	}
}

func triU16(hi bool, o, a, b, c unsafe.Pointer, n int) {
	if hi {
		f := func(j int) { ld16(a, j).Max(ld16(b, j)).Max(ld16(c, j)).Store(p16(o, j)) }
		for i := 0; i+32 <= n; i += 32 {
			f(i)
		}
		if n%32 != 0 {
			f(n - 32)
		}
		return
	}
	f := func(j int) { ld16(a, j).Min(ld16(b, j)).Min(ld16(c, j)).Store(p16(o, j)) }
	for i := 0; i+32 <= n; i += 32 {
		f(i)
	}
	if n%32 != 0 {
		f(n - 32)
	}
}

func triI16(hi bool, o, a, b, c unsafe.Pointer, n int) {
	if hi {
		f := func(j int) { i16(a, j).Max(i16(b, j)).Max(i16(c, j)).AsUint16x16().Store(p16(o, j)) }
		for i := 0; i+32 <= n; i += 32 {
			f(i)
		}
		if n%32 != 0 {
			f(n - 32)
		}
		return
	}
	f := func(j int) { i16(a, j).Min(i16(b, j)).Min(i16(c, j)).AsUint16x16().Store(p16(o, j)) }
	for i := 0; i+32 <= n; i += 32 {
		f(i)
	}
	if n%32 != 0 {
		f(n - 32)
	}
}

// triF32 is Go's min (fmin32, reduce_simd.go) of a and b, then of that
// and c, as mm3's; the maximum negates its inputs and output, as
// reduceF32 does.
func triF32(hi bool, o, a, b, c unsafe.Pointer, n int) {
	if hi {
		s := archsimd.BroadcastUint32x8(1 << 31)
		ng := func(p unsafe.Pointer, i int) archsimd.Float32x8 { return ld16(p, i).AsUint32x8().Xor(s).AsFloat32x8() }
		f := func(j int) {
			fmin32(fmin32(ng(a, j), ng(b, j)), ng(c, j)).AsUint32x8().Xor(s).AsUint16x16().Store(p16(o, j))
		}
		for i := 0; i+32 <= n; i += 32 {
			f(i)
		}
		if n%32 != 0 {
			f(n - 32)
		}
		return
	}
	f := func(j int) { fmin32(fmin32(f32(a, j), f32(b, j)), f32(c, j)).AsUint16x16().Store(p16(o, j)) }
	for i := 0; i+32 <= n; i += 32 {
		f(i)
	}
	if n%32 != 0 {
		f(n - 32)
	}
}

func tri512U8(hi bool, o, a, b, c unsafe.Pointer, n int) {
	if hi {
		f := func(j int) { ld8w(a, j).Max(ld8w(b, j)).Max(ld8w(c, j)).Store(p8w(o, j)) }
		for i := 0; i+64 <= n; i += 64 {
			f(i)
		}
		if n%64 != 0 {
			f(n - 64)
		}
		return
	}
	f := func(j int) { ld8w(a, j).Min(ld8w(b, j)).Min(ld8w(c, j)).Store(p8w(o, j)) }
	for i := 0; i+64 <= n; i += 64 {
		f(i)
	}
	if n%64 != 0 {
		f(n - 64)
	}
}

func tri512U16(hi bool, o, a, b, c unsafe.Pointer, n int) {
	if hi {
		f := func(j int) { ld16w(a, j).Max(ld16w(b, j)).Max(ld16w(c, j)).Store(p16w(o, j)) }
		for i := 0; i+64 <= n; i += 64 {
			f(i)
		}
		if n%64 != 0 {
			f(n - 64)
		}
		return
	}
	f := func(j int) { ld16w(a, j).Min(ld16w(b, j)).Min(ld16w(c, j)).Store(p16w(o, j)) }
	for i := 0; i+64 <= n; i += 64 {
		f(i)
	}
	if n%64 != 0 {
		f(n - 64)
	}
}

func tri512I16(hi bool, o, a, b, c unsafe.Pointer, n int) {
	if hi {
		f := func(j int) { i16w(a, j).Max(i16w(b, j)).Max(i16w(c, j)).AsUint16x32().Store(p16w(o, j)) }
		for i := 0; i+64 <= n; i += 64 {
			f(i)
		}
		if n%64 != 0 {
			f(n - 64)
		}
		return
	}
	f := func(j int) { i16w(a, j).Min(i16w(b, j)).Min(i16w(c, j)).AsUint16x32().Store(p16w(o, j)) }
	for i := 0; i+64 <= n; i += 64 {
		f(i)
	}
	if n%64 != 0 {
		f(n - 64)
	}
}

// tri512F32 is triF32 with 16 lanes (fmin32w).
func tri512F32(hi bool, o, a, b, c unsafe.Pointer, n int) {
	if hi {
		s := archsimd.BroadcastUint32x16(1 << 31)
		ng := func(p unsafe.Pointer, i int) archsimd.Float32x16 {
			return ld16w(p, i).AsUint32x16().Xor(s).AsFloat32x16()
		}
		f := func(j int) {
			fmin32w(fmin32w(ng(a, j), ng(b, j)), ng(c, j)).AsUint32x16().Xor(s).AsUint16x32().Store(p16w(o, j))
		}
		for i := 0; i+64 <= n; i += 64 {
			f(i)
		}
		if n%64 != 0 {
			f(n - 64)
		}
		return
	}
	f := func(j int) { fmin32w(fmin32w(f32w(a, j), f32w(b, j)), f32w(c, j)).AsUint16x32().Store(p16w(o, j)) }
	for i := 0; i+64 <= n; i += 64 {
		f(i)
	}
	if n%64 != 0 {
		f(n - 64)
	}
}

func i16(p unsafe.Pointer, i int) archsimd.Int16x16    { return ld16(p, i).AsInt16x16() }
func f32(p unsafe.Pointer, i int) archsimd.Float32x8   { return ld16(p, i).AsFloat32x8() }
func f32w(p unsafe.Pointer, i int) archsimd.Float32x16 { return ld16w(p, i).AsFloat32x16() }

// fmin32w is fmin32 with 16 lanes (the compares into mask registers).
func fmin32w(x, y archsimd.Float32x16) archsimd.Float32x16 {
	o := x.AsUint32x16().Or(y.AsUint32x16()).AsFloat32x16()
	return x.Merge(y.Merge(o, y.Less(x)), x.Less(y))
}
