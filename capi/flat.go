package main

import (
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/flat"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/ops"
)

// The flat path of the fast op call (issue 15): a pointwise op whose
// family registered a flat kernel (internal/flat), called on arrays that
// are all C-contiguous, aligned, native-order, of one 2D or 3D shape, with
// a writable output disjoint from every input, and small enough to run
// on the calling thread anyway (par.InlineBytes), is its kernel over the
// arrays' bytes: no Image structs, no checks of general layouts, no type
// dispatch. Measured from Python on 8x8 arrays, that general part was
// about a microsecond and a half of a call (capi/overhead_bench_test.go).
// Anything else (and a kernel that declines) takes the general path,
// which gives the same result (flat_test.go) and reports any error.

// flatOff turns the flat path off (the tests compare the two paths).
var flatOff bool

// maxFlat is the most arrays of a flat call: three inputs and the output.
const maxFlat = flat.MaxInputs + 1

// flatArray is what the flat path needs of one array record.
type flatArray struct {
	data, nbytes uint64
	t            gips.BufferType
	nd           int
	dims         [3]int
	writable     bool
}

// flatCall runs the call on its flat kernel when it can; ok false leaves
// the call to the general path, with nothing written.
func (c *opCallState) flatCall(op *ops.Op, p ops.Values) (ok bool) {
	if flatOff || !c.hasOut || c.n < 1 || c.n+1 > maxFlat {
		return false
	}
	k := flat.Lookup(op.Name)
	if k == nil {
		return false
	}
	var arrs [maxFlat]flatArray
	words := c.words
	total := uint64(0)
	for i := range c.n + 1 {
		var ok bool
		if words, ok = flatRecord(words, &arrs[i]); !ok {
			return false
		}
		if arrs[i].nd != arrs[0].nd || arrs[i].dims != arrs[0].dims {
			return false
		}
		total += arrs[i].nbytes
	}
	out := &arrs[c.n]
	if !out.writable || total >= par.InlineBytes {
		return false
	}
	for _, a := range arrs[:c.n] {
		if a.data < out.data+out.nbytes && out.data < a.data+a.nbytes {
			return false // overlapping: the general path's rules (in place or not)
		}
	}
	var ts flat.Types
	var srcs flat.Buffers
	for i, a := range arrs[:c.n] {
		ts[i], srcs[i] = a.t, bytesAt(a)
	}
	return k(out.t, c.n, ts, bytesAt(*out), srcs, p)
}

func bytesAt(a flatArray) []byte { return unsafe.Slice((*byte)(pointer(a.data)), a.nbytes) }

// flatRecord reads one record (recNumpy or recArray) into a, and returns
// the words after it; ok false when it is of another kind or its array
// does not qualify (see above).
func flatRecord(words []int64, a *flatArray) (rest []int64, ok bool) {
	if len(words) < 3 {
		return nil, false
	}
	var dims, strides []int64
	var typ int64
	switch words[0] {
	case recNumpy:
		addr := uint64(words[1])
		if addr == 0 {
			return nil, false
		}
		at := func(off uint64) unsafe.Pointer { return pointer(addr + off) }
		nd := int(*(*int32)(at(npyNDim)))
		if nd != 2 && nd != 3 {
			return nil, false
		}
		a.data = uint64(*(*uintptr)(at(npyData)))
		a.writable = *(*int32)(at(npyFlags))&npyWriteable != 0
		dims = unsafe.Slice((*int64)(*(*unsafe.Pointer)(at(npyDims))), nd)
		strides = unsafe.Slice((*int64)(*(*unsafe.Pointer)(at(npyStrides))), nd)
		typ, rest = words[2], words[3:]
	case recArray:
		if len(words) < 5 || (words[4] != 2 && words[4] != 3) || len(words) < 5+2*int(words[4]) {
			return nil, false
		}
		nd := int(words[4])
		a.data, a.writable = uint64(words[2]), words[1]&4 == 0
		dims, strides = words[5:5+nd], words[5+nd:5+2*nd]
		typ, rest = words[3], words[5+2*nd:]
	default:
		return nil, false
	}
	t, size, ok := flatType(typ)
	if !ok || a.data == 0 || a.data%uint64(size) != 0 {
		return nil, false
	}
	a.t, a.nd = t, len(dims)
	// C order: each stride the item size times the dimensions after it.
	n := int64(size)
	for j := len(dims) - 1; j >= 0; j-- {
		if dims[j] <= 0 || dims[j] > 1<<31 || strides[j] != n {
			return nil, false
		}
		a.dims[j] = int(dims[j])
		n *= dims[j]
		if n > 1<<40 {
			return nil, false
		}
	}
	a.nbytes = uint64(n)
	return rest, true
}

// flatType is the buffer type and item size of a record's typestr word
// (gips.DType's rule, TestFlatType), for native-order (or order-free)
// dtypes only: here rather than through typeStr's sync.Map, a tenth of a
// flat call.
func flatType(w int64) (gips.BufferType, int, bool) {
	order, kind, size := byte(w), byte(w>>8), int(byte(w>>16))-'0'
	if w>>24 != 0 || order != '|' && order != nativeOrder {
		return 0, 0, false
	}
	var t gips.BufferType
	switch {
	case kind == 'b' && size == 1:
		t = gips.Binary
	case kind == 'u' && size == 1:
		t = gips.UInt8
	case kind == 'i' && size == 1:
		t = gips.Int8
	case kind == 'u' && size == 2:
		t = gips.UInt16
	case kind == 'i' && size == 2:
		t = gips.Int16
	case kind == 'u' && size == 4:
		t = gips.UInt32
	case kind == 'i' && size == 4:
		t = gips.Int32
	case kind == 'f' && size == 4:
		t = gips.Real32
	case kind == 'f' && size == 8:
		t = gips.Real64
	default:
		return 0, 0, false
	}
	return t, size, true
}

// nativeOrder is the byte-order character of this machine's dtypes.
var nativeOrder = func() byte {
	x := uint16(1)
	if *(*byte)(unsafe.Pointer(&x)) == 1 {
		return '<'
	}
	return '>'
}()
