package main

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/flat"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/stream"
	"github.com/gipsdev/gips/ops"
)

// typeWord packs a dtype string as a record's typestr word.
func typeWord(s string) int64 {
	var w int64
	for i := range len(s) {
		w |= int64(s[i]) << (8 * i)
	}
	return w
}

// record is a recArray record of a C-contiguous array of shape dims and
// dtype dt over buf.
func record(buf []byte, dt string, dims []int, readOnly bool) []int64 {
	size := int64(dt[2] - '0')
	w := []int64{recArray, 0, int64(addrOf(buf)), typeWord(dt), int64(len(dims))}
	if readOnly {
		w[1] = 4
	}
	for _, d := range dims {
		w = append(w, int64(d))
	}
	st := make([]int64, len(dims))
	for j := len(dims) - 1; j >= 0; j-- {
		st[j] = size
		size *= int64(dims[j])
	}
	return append(w, st...)
}

// The flat path (capi/flat.go) gives the bytes the general path gives, for
// every op with a flat kernel, every type it takes, 2D and 3D shapes whose
// lengths leave SIMD and word tails, every layout (C order and views of
// rows apart), and random pixels (Binary inputs hold any byte: non-zero is
// true); the general path is the one the op's own tests check against
// numpy and brute force.
func TestFlatMatchesGeneral(t *testing.T) {
	defer func() { flatOff = false }()
	numeric := []string{"|u1", "|i1", "<u2", "<i2", "<u4", "<i4", "<f4", "<f8"}
	logical := []string{"|b1", "|u1", "|i1", "<u2", "<i2", "<u4", "<i4"}
	type opCase struct {
		op, params string
		types      []string
		ins        func(dt string) []string // the inputs' dtypes
		out        func(dt string) string
	}
	same := func(n int) func(string) []string {
		return func(dt string) []string { return []string{dt, dt}[:n] }
	}
	id := func(dt string) string { return dt }
	binary := func(string) string { return "|b1" }
	cases := []opCase{
		{"arith.add", `{}`, numeric, same(2), id},
		{"arith.subtract", `{}`, numeric, same(2), id},
		{"arith.absDiff", `{}`, numeric, same(2), id},
		{"arith.min", `{}`, numeric, same(2), id},
		{"arith.max", `{}`, numeric, same(2), id},
		{"arith.invert", `{}`, numeric, same(1), id},
		{"arith.multiply", `{}`, numeric, same(2), id},
		{"arith.divide", `{}`, numeric, same(2), id},
		{"arith.linearCombination", `{"alpha":0.5,"beta":0.25,"gamma":3}`, numeric, same(2), id},
		{"arith.linearCombination", `{"alpha":0.3,"beta":-1.7,"gamma":0.5}`, numeric, same(2), id},
		{"arith.linearCombination", `{"alpha":1,"beta":-1}`, numeric, same(2), id},
		{"arith.addScalar", `{"value":3}`, numeric, same(1), id},
		{"arith.subtractScalar", `{"value":-2.5}`, numeric, same(1), id},
		{"arith.multiplyScalar", `{"value":0.3}`, numeric, same(1), id},
		{"arith.divideScalar", `{"value":7}`, numeric, same(1), id},
		{"logic.and", `{}`, logical, same(2), id},
		{"logic.or", `{}`, logical, same(2), id},
		{"logic.xor", `{}`, logical, same(2), id},
		{"logic.not", `{}`, logical, same(1), id},
		{"logic.mask", `{}`, numeric, func(dt string) []string { return []string{dt, "|b1"} }, id},
		{"threshold.range", `{"min":3.5,"max":100}`, numeric, same(1), binary},
		{"threshold.range", `{"min":-20,"max":-3}`, numeric, same(1), binary},
		{"threshold.range", `{"min":9,"max":2}`, numeric, same(1), binary},
		{"threshold.light", `{"value":77}`, numeric, same(1), binary},
		{"threshold.dark", `{"value":-1e300}`, numeric, same(1), binary},
		{"threshold.dark", `{"value":200.5}`, numeric, same(1), binary},
		// Python's outputs of Binary results are uint8 arrays.
		{"threshold.light", `{"value":77}`, numeric, same(1), func(string) string { return "|u1" }},
		{"logic.and", `{}`, []string{"|b1"}, same(2), func(string) string { return "|u1" }},
		{"logic.not", `{}`, []string{"|b1"}, same(1), func(string) string { return "|u1" }},
		// Conversions that keep every value (util/flat.go), clamp named or
		// by default.
		{"util.eraseImg", `{"value":-3.5}`, numeric, same(1), id},
		{"util.convertImg", `{"output":"Real32"}`, []string{"|u1", "|i1", "<u2", "<i2", "<f4"}, same(1), func(string) string { return "<f4" }},
		{"util.convertImg", `{"output":"Real64","scaling":"clamp"}`, numeric, same(1), func(string) string { return "<f8" }},
		{"util.convertImg", `{"output":"Int32"}`, []string{"|u1", "|i1", "<u2", "<i2", "<i4"}, same(1), func(string) string { return "<i4" }},
		{"util.convertImg", `{"output":"UInt16"}`, []string{"|u1", "<u2"}, same(1), func(string) string { return "<u2" }},
		{"util.convertImg", `{"output":"Int16"}`, []string{"|u1", "|i1"}, same(1), func(string) string { return "<i2" }},
		// Narrowing ones, clamped (util/clamp.go), from every type.
		{"util.convertImg", `{"output":"UInt8"}`, numeric, same(1), func(string) string { return "|u1" }},
		{"util.convertImg", `{"output":"Int8","scaling":"clamp"}`, numeric, same(1), func(string) string { return "|i1" }},
		{"util.convertImg", `{"output":"Int16"}`, numeric, same(1), func(string) string { return "<i2" }},
		{"util.convertImg", `{"output":"UInt32"}`, numeric, same(1), func(string) string { return "<u4" }},
		{"util.convertImg", `{"output":"Real32"}`, numeric, same(1), func(string) string { return "<f4" }},
	}
	// 8-bit linear combinations of 2^18 pixels and more take a table.
	cases = append(cases, opCase{"arith.linearCombination", `{"alpha":0.3,"beta":-1.7,"gamma":0.5}`, []string{"|u1", "|i1"}, same(2), id})
	// Rows of 1 and 300 pixels, of 8-bit ones that take several runs of
	// stageBytes, and of wider ones (from 32-bit pixels) that take a
	// kernel call each (capi/flat.go, stridedCall).
	shapes := [][]int{{3, 5}, {7, 33}, {2, 3, 37}, {64, 64}, {1, 300}, {300, 1}, {1, 1}, {3, 1, 5}, {2000, 3}, {3, 1100}, {2, 2, 1500}}
	rng := rand.New(rand.NewPCG(1, 2))
	for ci, c := range cases {
		for _, dt := range c.types {
			shapes := shapes
			if ci == len(cases)-1 {
				shapes = [][]int{{600, 500}}
			}
			for _, dims := range shapes {
				for _, lay := range layouts {
					name := fmt.Sprintf("%s%s/%s/%v/%s", c.op, c.params, dt, dims, lay.name)
					var words []int64
					var keep [][]byte // the records hold addresses only
					ins := c.ins(dt)
					for k, it := range ins {
						f := lay.in[k%len(lay.in)]
						if f == nil {
							f = contiguous
						}
						buf, rec := f(dims, it)
						for i := range buf {
							buf[i] = byte(rng.Uint32())
						}
						words = append(words, rec...)
						keep = append(keep, buf)
					}
					odt := c.out(dt)
					outs := [2][]byte{}
					body := []byte(`{"op":"` + c.op + `","params":` + c.params + `}`)
					op, p, _, err := parseRequest(body)
					if err != nil {
						t.Fatal(name, err)
					}
					for k, off := range []bool{false, true} {
						out := lay.out
						if out == nil {
							out = writable
						}
						buf, rec := out(dims, odt)
						outs[k] = buf
						w := append(append([]int64{}, words...), rec...)
						if !off {
							st := opCallState{words: w, n: len(ins), hasOut: true}
							if !st.flatCall(op, p) {
								t.Fatalf("%s: the flat path declined", name)
							}
							continue
						}
						flatOff = true
						code, text, _, _ := opCall(body, len(ins), true, w, nil, nil, true)
						flatOff = false
						if code != codeOK {
							t.Fatalf("%s: general path: %d %s", name, code, text)
						}
					}
					if !bytes.Equal(outs[0], outs[1]) {
						t.Fatalf("%s: flat and general results differ", name)
					}
					runtime.KeepAlive(keep)
				}
			}
		}
	}
}

// An InPlace op whose output is its first input (or every input), pixel
// for pixel, takes the flat path and gives the bytes the general path
// gives in place (the percall row: add(a, b, out=a)); C order and
// reversed padded rows (stridedCall).
func TestFlatInPlaceMatchesGeneral(t *testing.T) {
	defer func() { flatOff = false }()
	numeric := []string{"|u1", "|i1", "<u2", "<i2", "<u4", "<i4", "<f4", "<f8"}
	cases := []struct {
		op, params string
		n          int
		types      []string
	}{
		{"arith.add", `{}`, 2, numeric},
		{"arith.subtract", `{}`, 2, numeric},
		{"arith.absDiff", `{}`, 2, numeric},
		{"arith.min", `{}`, 2, numeric},
		{"arith.max", `{}`, 2, numeric},
		{"arith.multiply", `{}`, 2, numeric},
		{"arith.divide", `{}`, 2, numeric},
		{"arith.invert", `{}`, 1, numeric},
		{"arith.linearCombination", `{"alpha":0.3,"beta":-1.7,"gamma":0.5}`, 2, numeric},
		{"arith.multiplyScalar", `{"value":-3}`, 1, numeric},
		{"logic.or", `{}`, 2, []string{"|b1", "|u1", "<i2"}},
		{"logic.not", `{}`, 1, []string{"|b1", "|u1", "<i4"}},
		{"util.eraseImg", `{"value":-3.5}`, 1, numeric},
	}
	lays := map[string]func([]int, string) ([]byte, []int64){"C": writable, "reversed padded": rowsApart(3, true, false)}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, c := range cases {
		op, p, _, err := parseRequest([]byte(`{"op":"` + c.op + `","params":` + c.params + `}`))
		if err != nil {
			t.Fatal(err)
		}
		for _, dt := range c.types {
			for _, dims := range [][]int{{7, 33}, {2, 3, 37}, {64, 65}, {1, 1}} {
				for lname, lay := range lays {
					for _, all := range []bool{false, true} {
						name := fmt.Sprintf("%s%s/%s/%v/%s/all %v", c.op, c.params, dt, dims, lname, all)
						var res [2][]byte
						var pixels [flatMaxTest][]byte
						for k, off := range []bool{false, true} {
							var words []int64
							var bufs [][]byte
							for i := range c.n {
								buf, rec := lay(dims, dt)
								if pixels[i] == nil {
									pixels[i] = make([]byte, len(buf))
									for j := range pixels[i] {
										pixels[i][j] = byte(rng.Uint32())
									}
								}
								copy(buf, pixels[i])
								if all && i > 0 {
									buf, rec = bufs[0], words[:len(rec)]
								}
								bufs = append(bufs, buf)
								words = append(words, rec...)
							}
							words = append(words, words[:len(words)/c.n]...) // the output: input 0's record
							res[k] = bufs[0]
							if !off {
								st := opCallState{words: words, n: c.n, hasOut: true}
								if !st.flatCall(op, p) {
									t.Fatalf("%s: the flat path declined", name)
								}
								continue
							}
							flatOff = true
							code, text, _, _ := opCall([]byte(`{"op":"`+c.op+`","params":`+c.params+`}`), c.n, true, words, nil, nil, true)
							flatOff = false
							if code != codeOK {
								t.Fatalf("%s: general path: %d %s", name, code, text)
							}
							runtime.KeepAlive(bufs)
						}
						if !bytes.Equal(res[0], res[1]) {
							t.Fatalf("%s: flat and general results differ", name)
						}
					}
				}
			}
		}
	}
}

// flatMaxTest bounds the inputs of TestFlatInPlaceMatchesGeneral's ops.
const flatMaxTest = 2

// A layout of a flat call's arrays: how each input (in turn) and the
// output are laid out; nil is C order.
type flatLayout struct {
	name string
	in   []func(dims []int, dt string) ([]byte, []int64)
	out  func(dims []int, dt string) ([]byte, []int64)
}

// contiguous is a C-contiguous array and its record.
// randomContiguous is contiguous filled with random bytes (finite values
// for floats), or all 0x81 when constant.
func randomContiguous(rng *rand.Rand, dims []int, dt string, constant bool) ([]byte, []int64) {
	buf, rec := contiguous(dims, dt)
	for i := range buf {
		buf[i] = byte(rng.Uint32())
		if constant {
			buf[i] = 0x81
		}
		if dt[1] == 'f' { // finite values: no NaN bytes
			buf[i] &= 0x3f
		}
	}
	return buf, rec
}

func contiguous(dims []int, dt string) ([]byte, []int64) {
	buf := make([]byte, pixels(dims)*int(dt[2]-'0'))
	return buf, record(buf, dt, dims, true)
}

// writable is contiguous, writable.
func writable(dims []int, dt string) ([]byte, []int64) {
	buf := make([]byte, pixels(dims)*int(dt[2]-'0'))
	return buf, record(buf, dt, dims, false)
}

// rowsApart is an array whose rows are pad pixels apart beyond their
// width, in reverse order when reverse (numpy's a[::-1] of a padded
// array): its buffer holds the padding too, and the rows are what a
// general call reads and writes.
func rowsApart(pad int, reverse, readOnly bool) func(dims []int, dt string) ([]byte, []int64) {
	return func(dims []int, dt string) ([]byte, []int64) {
		size := int(dt[2] - '0')
		nd := len(dims)
		rows := pixels(dims) / dims[nd-1]
		pitch := (dims[nd-1] + pad) * size
		buf := make([]byte, rows*pitch)
		data, step := addrOf(buf), pitch
		if reverse {
			data, step = data+uint64((rows-1)*pitch), -pitch
		}
		w := []int64{recArray, 0, int64(data), typeWord(dt), int64(nd)}
		if readOnly {
			w[1] = 4
		}
		for _, d := range dims {
			w = append(w, int64(d))
		}
		st := make([]int64, nd)
		st[nd-1] = int64(size)
		if nd > 1 {
			st[nd-2] = int64(step)
		}
		for j := nd - 3; j >= 0; j-- {
			st[j] = st[j+1] * int64(dims[j+1])
		}
		return buf, append(w, st...)
	}
}

func pixels(dims []int) int {
	n := 1
	for _, d := range dims {
		n *= d
	}
	return n
}

// layouts are the flat path's layouts: C order (the whole-buffer kernel),
// then views that stridedCall serves: reversed rows, rows with padding (a
// crop), a mix of them with a strided output.
var layouts = []flatLayout{
	{"C", []func([]int, string) ([]byte, []int64){nil}, nil},
	{"second reversed", []func([]int, string) ([]byte, []int64){nil, rowsApart(0, true, true)}, nil},
	{"padded", []func([]int, string) ([]byte, []int64){rowsApart(3, false, true)}, nil},
	{"mixed", []func([]int, string) ([]byte, []int64){rowsApart(0, true, true), rowsApart(5, false, true), nil}, rowsApart(1, true, false)},
}

// opCase2 is an op and its parameters.
type opCase2 struct {
	op *ops.Op
	p  ops.Values
}

// Calls the flat path does not take go the general way: an output that
// overlaps an input other than pixel for pixel, or in place for an op
// that does not allow it (convertImg), or an input that is a view of it, a
// read-only output, an output whose rows overlap, pixels not contiguous
// along x, rows apart for a kernel without a strided form, mixed shapes or
// types, 1D arrays, and a kernel's declined types (an Int8 output of a
// threshold, a UInt8 mask).
func TestFlatDeclines(t *testing.T) {
	a, b, o := make([]byte, 64), make([]byte, 64), make([]byte, 64)
	add, _, _, err := parseRequest([]byte(`{"op":"arith.add","params":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	thr, p, _, err := parseRequest([]byte(`{"op":"threshold.light","params":{"value":3}}`))
	if err != nil {
		t.Fatal(err)
	}
	mask, _, _, err := parseRequest([]byte(`{"op":"logic.mask","params":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	conv := func(params string) *opCase2 {
		op, p, _, err := parseRequest([]byte(`{"op":"util.convertImg","params":` + params + `}`))
		if err != nil {
			t.Fatal(err)
		}
		return &opCase2{op, p}
	}
	d := []int{8, 8}
	// 8x8 views of 64 bytes: rows 4 bytes apart (overlapping), and the
	// rows in reverse.
	overlappingRows := func(buf []byte) []int64 {
		return []int64{recArray, 0, int64(addrOf(buf)), typeWord("|u1"), 2, 8, 8, 4, 1}
	}
	reversedView := func(buf []byte) []int64 {
		return []int64{recArray, 4, int64(addrOf(buf)) + 56, typeWord("|u1"), 2, 8, 8, -8, 1}
	}
	cat := func(ws ...[]int64) []int64 {
		var w []int64
		for _, x := range ws {
			w = append(w, x...)
		}
		return w
	}
	strided := record(a, "|u1", []int{8, 4}, true)
	strided[len(strided)-1] = 2 // every other column
	for _, c := range []struct {
		name  string
		words []int64
		n     int
		op    *opCase2
	}{
		{"in place a row on", cat(record(a[8:], "|u1", []int{7, 8}, false), record(b, "|u1", []int{7, 8}, true), record(a, "|u1", []int{7, 8}, false)), 2, nil},
		{"in place, an op not InPlace", cat(record(a, "|u1", d, false), record(a, "|u1", d, false)), 1, conv(`{"output":"UInt8"}`)},
		{"read-only output", cat(record(a, "|u1", d, true), record(b, "|u1", d, true), record(o, "|u1", d, true)), 2, nil},
		{"strided columns", cat(strided, record(b, "|u1", []int{8, 4}, true), record(o, "|u1", []int{8, 4}, false)), 2, nil},
		{"rows overlapping rows", cat(record(a, "|u1", d, true), record(b, "|u1", d, true), overlappingRows(o)), 2, nil},
		{"reversed view of the output", cat(record(a, "|u1", d, true), reversedView(o), record(o, "|u1", d, false)), 2, nil},
		{"mixed shapes", cat(record(a, "|u1", d, true), record(b, "|u1", []int{4, 16}, true), record(o, "|u1", d, false)), 2, nil},
		{"mixed types", cat(record(a, "|u1", d, true), record(b, "|i1", d, true), record(o, "|u1", d, false)), 2, nil},
		{"1D", cat(record(a, "|u1", []int{64}, true), record(b, "|u1", []int{64}, true), record(o, "|u1", []int{64}, false)), 2, nil},
		{"big-endian", cat(record(a, ">u2", []int{4, 8}, true), record(b, ">u2", []int{4, 8}, true), record(o, ">u2", []int{4, 8}, false)), 2, nil},
		{"threshold into Int8", cat(record(a, "|u1", d, true), record(o, "|i1", d, false)), 1, &opCase2{thr, p}},
		{"UInt8 mask", cat(record(a, "|u1", d, true), record(b, "|u1", d, true), record(o, "|u1", d, false)), 2, &opCase2{mask, nil}},
		// convertImg: scaled, Binary and mismatched conversions.
		{"convert scaled", cat(record(a, "|u1", []int{4, 4}, true), record(o, "<f4", []int{4, 4}, false)), 1, conv(`{"output":"Real32","scaling":"scale"}`)},
		{"convert minmax", cat(record(a, "|u1", d, true), record(o, "|u1", d, false)), 1, conv(`{"output":"UInt8","scaling":"minmax"}`)},
		{"convert from Binary", cat(record(a, "|b1", d, true), record(o, "|u1", d, false)), 1, conv(`{"output":"UInt8"}`)},
		{"convert to Binary", cat(record(a, "|u1", d, true), record(o, "|u1", d, false)), 1, conv(`{"output":"Binary"}`)},
		{"convert into another type", cat(record(a, "|u1", []int{4, 8}, true), record(o, "<u2", []int{4, 8}, false)), 1, conv(`{"output":"Int16"}`)},
	} {
		op, params := add, p
		if c.op != nil {
			op, params = c.op.op, c.op.p
		}
		st := opCallState{words: c.words, n: c.n, hasOut: true}
		if st.flatCall(op, params) {
			t.Errorf("%s: the flat path took the call", c.name)
		}
	}
	runtime.KeepAlive([][]byte{a, b, o})
}

// flatType reads a typestr word as gips.DType does, for native-order and
// order-free dtypes, and refuses the others.
func TestFlatType(t *testing.T) {
	for _, o := range []string{"|", "<", ">", "="} {
		for _, k := range []string{"b", "u", "i", "f", "c", "M"} {
			for _, n := range []string{"1", "2", "4", "8", "16"} {
				s := o + k + n
				got, size, ok := flatType(typeWord(s))
				want, err := gips.DType(s).BufferType()
				native := o == "|" || o[0] == nativeOrder
				if ok != (err == nil && native) || ok && (got != want || size != want.ItemSize()) {
					t.Errorf("%s: flatType %v %d %v, DType %v %v", s, got, size, ok, want, err)
				}
			}
		}
	}
}

// The flat reducers (stats/flat.go) give the general path's numbers, bit
// for bit, for every integer type, the float min and max, and float sums
// and means (summed plane by plane, as the general path sums them), on
// random pixels and on arrays of one value, 2D and 3D, one pixel to more
// than a run of 2^20; Binary arrays, large ones (float sums: those the
// general path sums in bands), strided ones and calls with an output take
// the general path.
func TestFlatNumberMatchesGeneral(t *testing.T) {
	defer func() { flatOff = false }()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, op := range []string{"stats.min", "stats.max", "stats.sum", "stats.mean"} {
		body := []byte(`{"op":"` + op + `","params":{}}`)
		o, p, _, err := parseRequest(body)
		if err != nil {
			t.Fatal(err)
		}
		for _, dt := range []string{"|u1", "|i1", "<u2", "<i2", "<u4", "<i4", "<f4", "<f8", "|b1"} {
			for _, dims := range [][]int{{1, 1}, {7, 33}, {2, 3, 37}, {1100, 1000}} {
				for _, constant := range []bool{false, true} {
					name := fmt.Sprintf("%s/%s/%v/constant %v", op, dt, dims, constant)
					buf, rec := randomContiguous(rng, dims, dt, constant)
					st := opCallState{words: rec, n: 1, numbers: true}
					took := st.flatNumber(o, p)
					small := len(buf) < par.InlineBytes // else par's workers: the general path
					extreme := op == "stats.min" || op == "stats.max"
					floatSum := dt[1] == 'f' && !extreme && len(buf)/int(dt[2]-'0')*8 < par.InlineBytes // what scanPlanes sums on one worker
					if want := (dt[1] == 'u' || dt[1] == 'i' || dt[1] == 'f' && extreme) && small || floatSum; took != want {
						t.Fatalf("%s: flat reducer took the call: %v", name, took)
					}
					flatOff = true
					code, text, tag, value := opCall(body, 1, false, rec, nil, nil, true)
					flatOff = false
					if code != codeOK || tag != tagNumber {
						t.Fatalf("%s: general path: %d %s", name, code, text)
					}
					if took && (st.tag != tagNumber || st.value != value) {
						t.Fatalf("%s: flat %v, general %v", name, math.Float64frombits(st.value), math.Float64frombits(value))
					}
					runtime.KeepAlive(buf)
				}
			}
		}
		// Rows apart, an output, a second input: the general path.
		buf, rec := rowsApart(2, false, true)([]int{4, 4}, "|u1")
		if st := (opCallState{words: rec, n: 1, numbers: true}); st.flatNumber(o, p) {
			t.Errorf("%s: the flat reducer took a strided array", op)
		}
		if st := (opCallState{words: append(rec, rec...), n: 1, hasOut: true, numbers: true}); st.flatNumber(o, p) {
			t.Errorf("%s: the flat reducer took a call with an output", op)
		}
		runtime.KeepAlive(buf)
	}
}

// denseYield yields once per yieldEvery while calls come back to back
// (samples 10 us apart here) and never for calls denseGap or more apart
// (samples sampleEvery times that).
func TestDenseYield(t *testing.T) {
	savedCall, savedYield := lastCall.Load(), lastYield.Load()
	defer func() { lastCall.Store(savedCall); lastYield.Store(savedYield) }()
	const us = int64(time.Microsecond)
	start := int64(time.Hour)
	lastCall.Store(start - sampleEvery*int64(denseGap))
	lastYield.Store(0)
	var at []int64
	for now := start; now < start+30*int64(time.Millisecond); now += 10 * us {
		if denseYield(now) {
			at = append(at, now-start)
		}
	}
	if len(at) < 6 || len(at) > 8 || at[0] != 10*us {
		t.Fatalf("back-to-back calls over 30 ms yielded at %v ns, want every %v from the second call", at, yieldEvery)
	}
	for i := 1; i < len(at); i++ {
		if d := at[i] - at[i-1]; d <= int64(yieldEvery) || d > int64(yieldEvery)+10*us {
			t.Fatalf("yields %v ns apart, want just over %v", d, yieldEvery)
		}
	}
	for now := start + int64(time.Second); now < start+2*int64(time.Second); now += sampleEvery * int64(denseGap) {
		if denseYield(now) {
			t.Fatalf("a sample %v after the last one yielded", sampleEvery*denseGap)
		}
	}
}

// TestFlatKernelIsLookup: flatOf's cached kernel (and whether it is a
// whole-buffer one), reducer and histogrammer are flat's lookups for every op, asked in turn and repeated
// (the last one found, then another).
func TestFlatKernelIsLookup(t *testing.T) {
	funcPtr := func(k any) uintptr {
		if v := reflect.ValueOf(k); !v.IsNil() {
			return v.Pointer()
		}
		return 0
	}
	all := ops.List()
	for range 2 {
		for _, op := range all {
			for range 2 {
				e := flatOf(op)
				if got, want := funcPtr(e.k), funcPtr(flat.Lookup(op.Name)); got != want {
					t.Fatalf("%s: flatOf kernel %#x, flat.Lookup %#x", op.Name, got, want)
				}
				if got, want := funcPtr(e.r), funcPtr(flat.LookupReducer(op.Name)); got != want {
					t.Fatalf("%s: flatOf reducer %#x, flat.LookupReducer %#x", op.Name, got, want)
				}
				if e.whole != flat.Whole(op.Name) {
					t.Fatalf("%s: flatOf whole %v, flat.Whole %v", op.Name, e.whole, flat.Whole(op.Name))
				}
				if e.h != flat.LookupHistogrammer(op.Name) {
					t.Fatalf("%s: flatOf histogrammer %p, flat.LookupHistogrammer %p", op.Name, e.h, flat.LookupHistogrammer(op.Name))
				}
			}
		}
	}
}

// Work past par.InlineBytes takes the flat path: at one thread on the
// caller, where par would run it anyway (gips.setNumThreads(1)), and at
// two split over par's workers (splitCall) when every array is
// contiguous; either way it gives the general path's bytes. Rows apart
// (a reversed padded view) and a whole-buffer kernel (Otsu's threshold
// applied) take the general path at two threads. A 1100x1000 add (3.3 MB,
// not a whole number of splitPixels blocks), an int16 to float32
// convert, light of uint8 into Binary, 8-bit linear combinations (a
// table from 2^18 pixels) and a float32 invert.
func TestFlatTakesLargeWork(t *testing.T) {
	defer func() { flatOff = false }()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(7, 8))
	dims := []int{1100, 1000}
	for _, c := range []struct {
		op, params string
		ins        []string
		out        string
		in         func([]int, string) ([]byte, []int64)
		one, two   bool // taken at one thread, at two
	}{
		{"arith.add", `{}`, []string{"|u1", "|u1"}, "|u1", contiguous, true, true},
		{"util.convertImg", `{"output":"Real32"}`, []string{"<i2"}, "<f4", contiguous, true, true},
		{"threshold.light", `{"value":100}`, []string{"|u1"}, "|b1", contiguous, true, true},
		// 8-bit linear combinations of 2^18 pixels and more take a table:
		// split blocks are smaller, and must give the same bytes.
		{"arith.linearCombination", `{"alpha":0.3,"beta":-1.7,"gamma":0.5}`, []string{"|u1", "|u1"}, "|u1", contiguous, true, true},
		{"arith.linearCombination", `{"alpha":0.3,"beta":-1.7,"gamma":0.5}`, []string{"|i1", "|i1"}, "|i1", contiguous, true, true},
		{"arith.invert", `{}`, []string{"<f4"}, "<f4", contiguous, true, true},
		{"arith.add", `{}`, []string{"|u1", "|u1"}, "|u1", rowsApart(24, true, true), true, false},
		// Its kernel counts on one worker, up to stats.DenseBytes: it
		// declines this size itself.
		{"threshold.otsuApply", `{}`, []string{"|u1"}, "|b1", contiguous, false, false},
	} {
		name := fmt.Sprintf("%s %s", c.op, c.ins)
		body := []byte(`{"op":"` + c.op + `","params":` + c.params + `}`)
		op, p, _, err := parseRequest(body)
		if err != nil {
			t.Fatal(err)
		}
		var words []int64
		var keep [][]byte
		for _, dt := range c.ins {
			buf, rec := c.in(dims, dt)
			for i := range buf {
				buf[i] = byte(rng.Uint32())
			}
			words, keep = append(words, rec...), append(keep, buf)
		}
		call := func(flatPath bool) (out []byte, took bool) {
			buf, rec := writable(dims, c.out)
			w := append(append([]int64{}, words...), rec...)
			if flatPath {
				st := opCallState{words: w, n: len(c.ins), hasOut: true}
				return buf, st.flatCall(op, p)
			}
			flatOff = true
			code, text, _, _ := opCall(body, len(c.ins), true, w, nil, nil, true)
			flatOff = false
			if code != codeOK {
				t.Fatalf("%s: general path: %d %s", name, code, text)
			}
			return buf, false
		}
		runtime.GOMAXPROCS(2)
		general, _ := call(false)
		for _, procs := range []int{1, 2} {
			runtime.GOMAXPROCS(procs)
			out, took := call(true)
			if want := map[int]bool{1: c.one, 2: c.two}[procs]; took != want {
				t.Fatalf("%s at GOMAXPROCS %d: the flat path took the call: %v, want %v", name, procs, took, want)
			}
			if took && !bytes.Equal(out, general) {
				t.Fatalf("%s at GOMAXPROCS %d: flat and general results differ", name, procs)
			}
		}
		runtime.KeepAlive(keep)
	}
}

// A large in-place call (add(a, b, out=a), 3.3 MB) split over par's
// workers gives the general path's bytes in place, streamed too (from
// the first byte: each block reads its pixels before it writes them).
func TestFlatSplitInPlace(t *testing.T) {
	defer func() { flatOff = false }()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	defer func(m int) { stream.Min = m }(stream.Min)
	for _, m := range []int{stream.Min, 0} {
		stream.Min = m
		splitInPlace(t)
	}
}

func splitInPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	dims := []int{1100, 1000}
	a, _ := writable(dims, "|u1")
	b, rb := contiguous(dims, "|u1")
	for i := range a {
		a[i], b[i] = byte(rng.Uint32()), byte(rng.Uint32())
	}
	body := []byte(`{"op":"arith.add","params":{}}`)
	op, p, _, err := parseRequest(body)
	if err != nil {
		t.Fatal(err)
	}
	var got [2][]byte
	for k, flatPath := range []bool{true, false} {
		x := append([]byte{}, a...)
		w := append(append(record(x, "|u1", dims, false), rb...), record(x, "|u1", dims, false)...)
		if flatPath {
			st := opCallState{words: w, n: 2, hasOut: true}
			if !st.flatCall(op, p) {
				t.Fatal("the flat path declined a large in-place add at two threads")
			}
		} else {
			flatOff = true
			code, text, _, _ := opCall(body, 2, true, w, nil, nil, true)
			flatOff = false
			if code != codeOK {
				t.Fatalf("general path: %d %s", code, text)
			}
		}
		got[k] = x
	}
	if !bytes.Equal(got[0], got[1]) {
		t.Fatalf("flat (split, in place, stream.Min %d) and general results differ", stream.Min)
	}
	runtime.KeepAlive(b)
}
