//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The rows of cols3SIMD and med3SIMD (median3_simd.go), a pair per lane
// type and vector width: p holds lo, mid, hi, a, b, c (cols3) or out, lo,
// mid, hi (med3), and the loops run bytes i to n in steps of a vector.
// One text with the vector type changed (Go's generics take no vector
// type argument); the float loops run only on rows without NaN and -0,
// where MINPS and MAXPS are Go's min and max in either operand order.

func cols3U8(p *[6]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Uint8x32 {
		return archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		x, y, z := ld(p[3], i), ld(p[4], i), ld(p[5], i)
		lo, q := x.Min(y), x.Max(y)
		q, hi := q.Min(z), q.Max(z)
		lo.Min(q).Store((*[32]uint8)(unsafe.Add(p[0], i)))
		lo.Max(q).Store((*[32]uint8)(unsafe.Add(p[1], i)))
		hi.Store((*[32]uint8)(unsafe.Add(p[2], i)))
	}
}

func med3U8(p *[4]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Uint8x32 {
		return archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		a := ld(p[1], i).Max(ld(p[1], i+1)).Max(ld(p[1], i+2))
		c := ld(p[3], i).Min(ld(p[3], i+1)).Min(ld(p[3], i+2))
		x, y, z := ld(p[2], i), ld(p[2], i+1), ld(p[2], i+2)
		b := x.Min(y).Max(x.Max(y).Min(z))
		a.Min(b).Max(a.Max(b).Min(c)).Store((*[32]uint8)(unsafe.Add(p[0], i)))
	}
}

func cols3I8(p *[6]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Int8x32 {
		return archsimd.LoadInt8x32((*[32]int8)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		x, y, z := ld(p[3], i), ld(p[4], i), ld(p[5], i)
		lo, q := x.Min(y), x.Max(y)
		q, hi := q.Min(z), q.Max(z)
		lo.Min(q).Store((*[32]int8)(unsafe.Add(p[0], i)))
		lo.Max(q).Store((*[32]int8)(unsafe.Add(p[1], i)))
		hi.Store((*[32]int8)(unsafe.Add(p[2], i)))
	}
}

func med3I8(p *[4]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Int8x32 {
		return archsimd.LoadInt8x32((*[32]int8)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		a := ld(p[1], i).Max(ld(p[1], i+1)).Max(ld(p[1], i+2))
		c := ld(p[3], i).Min(ld(p[3], i+1)).Min(ld(p[3], i+2))
		x, y, z := ld(p[2], i), ld(p[2], i+1), ld(p[2], i+2)
		b := x.Min(y).Max(x.Max(y).Min(z))
		a.Min(b).Max(a.Max(b).Min(c)).Store((*[32]int8)(unsafe.Add(p[0], i)))
	}
}

func cols3U16(p *[6]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Uint16x16 {
		return archsimd.LoadUint16x16((*[16]uint16)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		x, y, z := ld(p[3], i), ld(p[4], i), ld(p[5], i)
		lo, q := x.Min(y), x.Max(y)
		q, hi := q.Min(z), q.Max(z)
		lo.Min(q).Store((*[16]uint16)(unsafe.Add(p[0], i)))
		lo.Max(q).Store((*[16]uint16)(unsafe.Add(p[1], i)))
		hi.Store((*[16]uint16)(unsafe.Add(p[2], i)))
	}
}

func med3U16(p *[4]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Uint16x16 {
		return archsimd.LoadUint16x16((*[16]uint16)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		a := ld(p[1], i).Max(ld(p[1], i+2)).Max(ld(p[1], i+4))
		c := ld(p[3], i).Min(ld(p[3], i+2)).Min(ld(p[3], i+4))
		x, y, z := ld(p[2], i), ld(p[2], i+2), ld(p[2], i+4)
		b := x.Min(y).Max(x.Max(y).Min(z))
		a.Min(b).Max(a.Max(b).Min(c)).Store((*[16]uint16)(unsafe.Add(p[0], i)))
	}
}

func cols3I16(p *[6]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Int16x16 {
		return archsimd.LoadInt16x16((*[16]int16)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		x, y, z := ld(p[3], i), ld(p[4], i), ld(p[5], i)
		lo, q := x.Min(y), x.Max(y)
		q, hi := q.Min(z), q.Max(z)
		lo.Min(q).Store((*[16]int16)(unsafe.Add(p[0], i)))
		lo.Max(q).Store((*[16]int16)(unsafe.Add(p[1], i)))
		hi.Store((*[16]int16)(unsafe.Add(p[2], i)))
	}
}

func med3I16(p *[4]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Int16x16 {
		return archsimd.LoadInt16x16((*[16]int16)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		a := ld(p[1], i).Max(ld(p[1], i+2)).Max(ld(p[1], i+4))
		c := ld(p[3], i).Min(ld(p[3], i+2)).Min(ld(p[3], i+4))
		x, y, z := ld(p[2], i), ld(p[2], i+2), ld(p[2], i+4)
		b := x.Min(y).Max(x.Max(y).Min(z))
		a.Min(b).Max(a.Max(b).Min(c)).Store((*[16]int16)(unsafe.Add(p[0], i)))
	}
}

func cols3U32(p *[6]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Uint32x8 {
		return archsimd.LoadUint32x8((*[8]uint32)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		x, y, z := ld(p[3], i), ld(p[4], i), ld(p[5], i)
		lo, q := x.Min(y), x.Max(y)
		q, hi := q.Min(z), q.Max(z)
		lo.Min(q).Store((*[8]uint32)(unsafe.Add(p[0], i)))
		lo.Max(q).Store((*[8]uint32)(unsafe.Add(p[1], i)))
		hi.Store((*[8]uint32)(unsafe.Add(p[2], i)))
	}
}

func med3U32(p *[4]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Uint32x8 {
		return archsimd.LoadUint32x8((*[8]uint32)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		a := ld(p[1], i).Max(ld(p[1], i+4)).Max(ld(p[1], i+8))
		c := ld(p[3], i).Min(ld(p[3], i+4)).Min(ld(p[3], i+8))
		x, y, z := ld(p[2], i), ld(p[2], i+4), ld(p[2], i+8)
		b := x.Min(y).Max(x.Max(y).Min(z))
		a.Min(b).Max(a.Max(b).Min(c)).Store((*[8]uint32)(unsafe.Add(p[0], i)))
	}
}

func cols3I32(p *[6]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Int32x8 {
		return archsimd.LoadInt32x8((*[8]int32)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		x, y, z := ld(p[3], i), ld(p[4], i), ld(p[5], i)
		lo, q := x.Min(y), x.Max(y)
		q, hi := q.Min(z), q.Max(z)
		lo.Min(q).Store((*[8]int32)(unsafe.Add(p[0], i)))
		lo.Max(q).Store((*[8]int32)(unsafe.Add(p[1], i)))
		hi.Store((*[8]int32)(unsafe.Add(p[2], i)))
	}
}

func med3I32(p *[4]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Int32x8 {
		return archsimd.LoadInt32x8((*[8]int32)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		a := ld(p[1], i).Max(ld(p[1], i+4)).Max(ld(p[1], i+8))
		c := ld(p[3], i).Min(ld(p[3], i+4)).Min(ld(p[3], i+8))
		x, y, z := ld(p[2], i), ld(p[2], i+4), ld(p[2], i+8)
		b := x.Min(y).Max(x.Max(y).Min(z))
		a.Min(b).Max(a.Max(b).Min(c)).Store((*[8]int32)(unsafe.Add(p[0], i)))
	}
}

func cols3F32(p *[6]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Float32x8 {
		return archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		x, y, z := ld(p[3], i), ld(p[4], i), ld(p[5], i)
		lo, q := x.Min(y), x.Max(y)
		q, hi := q.Min(z), q.Max(z)
		lo.Min(q).Store((*[8]float32)(unsafe.Add(p[0], i)))
		lo.Max(q).Store((*[8]float32)(unsafe.Add(p[1], i)))
		hi.Store((*[8]float32)(unsafe.Add(p[2], i)))
	}
}

func med3F32(p *[4]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Float32x8 {
		return archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		a := ld(p[1], i).Max(ld(p[1], i+4)).Max(ld(p[1], i+8))
		c := ld(p[3], i).Min(ld(p[3], i+4)).Min(ld(p[3], i+8))
		x, y, z := ld(p[2], i), ld(p[2], i+4), ld(p[2], i+8)
		b := x.Min(y).Max(x.Max(y).Min(z))
		a.Min(b).Max(a.Max(b).Min(c)).Store((*[8]float32)(unsafe.Add(p[0], i)))
	}
}

func cols3F64(p *[6]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Float64x4 {
		return archsimd.LoadFloat64x4((*[4]float64)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		x, y, z := ld(p[3], i), ld(p[4], i), ld(p[5], i)
		lo, q := x.Min(y), x.Max(y)
		q, hi := q.Min(z), q.Max(z)
		lo.Min(q).Store((*[4]float64)(unsafe.Add(p[0], i)))
		lo.Max(q).Store((*[4]float64)(unsafe.Add(p[1], i)))
		hi.Store((*[4]float64)(unsafe.Add(p[2], i)))
	}
}

func med3F64(p *[4]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Float64x4 {
		return archsimd.LoadFloat64x4((*[4]float64)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 32 {
		a := ld(p[1], i).Max(ld(p[1], i+8)).Max(ld(p[1], i+16))
		c := ld(p[3], i).Min(ld(p[3], i+8)).Min(ld(p[3], i+16))
		x, y, z := ld(p[2], i), ld(p[2], i+8), ld(p[2], i+16)
		b := x.Min(y).Max(x.Max(y).Min(z))
		a.Min(b).Max(a.Max(b).Min(c)).Store((*[4]float64)(unsafe.Add(p[0], i)))
	}
}

func cols3I16x32(p *[6]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Int16x32 {
		return archsimd.LoadInt16x32((*[32]int16)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 64 {
		x, y, z := ld(p[3], i), ld(p[4], i), ld(p[5], i)
		lo, q := x.Min(y), x.Max(y)
		q, hi := q.Min(z), q.Max(z)
		lo.Min(q).Store((*[32]int16)(unsafe.Add(p[0], i)))
		lo.Max(q).Store((*[32]int16)(unsafe.Add(p[1], i)))
		hi.Store((*[32]int16)(unsafe.Add(p[2], i)))
	}
}

func med3I16x32(p *[4]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Int16x32 {
		return archsimd.LoadInt16x32((*[32]int16)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 64 {
		a := ld(p[1], i).Max(ld(p[1], i+2)).Max(ld(p[1], i+4))
		c := ld(p[3], i).Min(ld(p[3], i+2)).Min(ld(p[3], i+4))
		x, y, z := ld(p[2], i), ld(p[2], i+2), ld(p[2], i+4)
		b := x.Min(y).Max(x.Max(y).Min(z))
		a.Min(b).Max(a.Max(b).Min(c)).Store((*[32]int16)(unsafe.Add(p[0], i)))
	}
}

func cols3F32x16(p *[6]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Float32x16 {
		return archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 64 {
		x, y, z := ld(p[3], i), ld(p[4], i), ld(p[5], i)
		lo, q := x.Min(y), x.Max(y)
		q, hi := q.Min(z), q.Max(z)
		lo.Min(q).Store((*[16]float32)(unsafe.Add(p[0], i)))
		lo.Max(q).Store((*[16]float32)(unsafe.Add(p[1], i)))
		hi.Store((*[16]float32)(unsafe.Add(p[2], i)))
	}
}

func med3F32x16(p *[4]unsafe.Pointer, i, n int) {
	ld := func(q unsafe.Pointer, i int) archsimd.Float32x16 {
		return archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(q, i)))
	}
	for ; i < n; i += 64 {
		a := ld(p[1], i).Max(ld(p[1], i+4)).Max(ld(p[1], i+8))
		c := ld(p[3], i).Min(ld(p[3], i+4)).Min(ld(p[3], i+8))
		x, y, z := ld(p[2], i), ld(p[2], i+4), ld(p[2], i+8)
		b := x.Min(y).Max(x.Max(y).Min(z))
		a.Min(b).Max(a.Max(b).Min(c)).Store((*[16]float32)(unsafe.Add(p[0], i)))
	}
}
