package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/gipsdev/gips/internal/flat"
	"github.com/gipsdev/gips/internal/stream"
	"github.com/gipsdev/gips/ops"
)

// With streaming on from the first byte (stream.Min 0), every op that its
// family marks for it (flat.Stream) gives the general path's bytes when
// split over workers: outputs that start 8 bytes into a cache line
// (Copy's head and tail), sizes that are no whole number of blocks, every
// type, at one thread (on the caller) and two. Ops not marked are not
// streamed, and give the same bytes as well.
func TestFlatStreamedMatchesGeneral(t *testing.T) {
	defer func(m int) { stream.Min = m }(stream.Min)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	stream.Min = 0
	numeric := []string{"|u1", "|i1", "<u2", "<i2", "<u4", "<i4", "<f4", "<f8"}
	logical := []string{"|u1", "|i1", "<u2", "<i2", "<u4", "<i4"}
	id := func(dt string) string { return dt }
	cases := []struct {
		op, params string
		types      []string
		n          int                    // inputs of type dt (logic.mask: a second, Binary)
		out        func(dt string) string // the output's dtype
		streamed   bool
	}{
		{"arith.add", `{}`, numeric, 2, id, true},
		{"arith.subtract", `{}`, numeric, 2, id, true},
		{"arith.absDiff", `{}`, numeric, 2, id, true},
		{"arith.min", `{}`, numeric, 2, id, true},
		{"arith.max", `{}`, numeric, 2, id, true},
		{"arith.multiply", `{}`, numeric, 2, id, true},
		{"arith.invert", `{}`, numeric, 1, id, true},
		{"arith.addScalar", `{"value":3}`, numeric, 1, id, true},
		{"arith.subtractScalar", `{"value":-2.5}`, numeric, 1, id, true},
		{"logic.and", `{}`, logical, 2, id, true},
		{"logic.or", `{}`, logical, 2, id, true},
		{"logic.xor", `{}`, logical, 2, id, true},
		{"logic.not", `{}`, logical, 1, id, true},
		{"logic.mask", `{}`, numeric, 1, id, true},
		{"util.convertImg", `{"output":"Real32"}`, numeric, 1, func(string) string { return "<f4" }, true},
		{"util.convertImg", `{"output":"Real64"}`, []string{"|u1", "<u2", "<f4"}, 1, func(string) string { return "<f8" }, true},
		{"util.convertImg", `{"output":"UInt8"}`, numeric, 1, func(string) string { return "|u1" }, true},
		{"util.copyImg", `{}`, numeric, 1, id, true},
		{"util.eraseImg", `{"value":-3.5}`, numeric, 1, id, true},
		{"arith.divide", `{}`, numeric, 2, id, false},
		{"arith.multiplyScalar", `{"value":0.3}`, numeric, 1, id, false},
		{"threshold.light", `{"value":77}`, numeric, 1, func(string) string { return "|b1" }, false},
	}
	rng := rand.New(rand.NewPCG(11, 12))
	dims := []int{3, 311, 1013} // 945 129 pixels: not a whole number of blocks
	for _, c := range cases {
		if got := flat.Streamed(c.op); got != c.streamed {
			t.Fatalf("%s: flat.Streamed %v, want %v", c.op, got, c.streamed)
		}
		body := []byte(`{"op":"` + c.op + `","params":` + c.params + `}`)
		op, p, _, err := parseRequest(body)
		if err != nil {
			t.Fatal(err)
		}
		for _, dt := range c.types {
			name := fmt.Sprintf("%s%s/%s", c.op, c.params, dt)
			var words []int64
			var keep [][]byte
			ins := make([]string, c.n)
			for i := range ins {
				ins[i] = dt
			}
			if c.op == "logic.mask" {
				ins = append(ins, "|b1")
			}
			for _, it := range ins {
				buf, rec := randomContiguous(rng, dims, it, false)
				if it == "|b1" {
					for i := range buf {
						buf[i] &= 1
					}
				}
				words, keep = append(words, rec...), append(keep, buf)
			}
			odt := c.out(dt)
			size := pixels(dims) * int(odt[2]-'0')
			var outs [3][]byte
			for k, procs := range []int{2, 1, 0} { // 0: the general path
				flatPath := procs > 0
				if flatPath {
					runtime.GOMAXPROCS(procs)
				}
				// 8 bytes into a cache line (Go's large buffers start on one).
				buf := make([]byte, size+64)[8 : 8+size]
				w := append(append([]int64{}, words...), record(buf, odt, dims, false)...)
				callPath(t, name, flatPath, op, p, body, len(ins), w)
				outs[k] = buf
			}
			runtime.GOMAXPROCS(2)
			for k, procs := range []int{2, 1} {
				if !bytes.Equal(outs[k], outs[2]) {
					t.Fatalf("%s at GOMAXPROCS %d: streamed flat and general results differ", name, procs)
				}
			}
			runtime.KeepAlive(keep)
		}
	}
}

// A streamed op on rows apart (a reversed padded view) leaves a large
// call to the general path, which streams it, at one thread too;
// stridedCall, which would not, keeps the small ones.
func TestFlatStreamedRowsApartTakeGeneralPath(t *testing.T) {
	defer func(m int) { stream.Min = m }(stream.Min)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	dims := []int{300, 200}
	in := rowsApart(8, true, true)
	body := []byte(`{"op":"arith.invert","params":{}}`)
	op, p, _, err := parseRequest(body)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []int{1 << 62, 0} {
		stream.Min = m
		src, rec := in(dims, "|u1")
		out, orec := writable(dims, "|u1")
		want := !stream.On(len(out)) // a build without the stores keeps stridedCall
		st := opCallState{words: append(append([]int64{}, rec...), orec...), n: 1, hasOut: true}
		if took := st.flatCall(op, p); took != want {
			t.Fatalf("stream.Min %d: the flat path took the call: %v, want %v", m, took, want)
		}
		runtime.KeepAlive(src)
		runtime.KeepAlive(out)
	}
}

// eraseImg in place (its output is its input, as Python calls it),
// streamed from the first byte and split over two workers and one: the
// same bytes as the general path's, every type.
func TestFlatStreamedEraseInPlace(t *testing.T) {
	defer func(m int) { stream.Min = m }(stream.Min)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	stream.Min = 0
	body := []byte(`{"op":"util.eraseImg","params":{"value":-3.5}}`)
	op, p, _, err := parseRequest(body)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(13, 14))
	dims := []int{3, 311, 1013}
	for _, dt := range []string{"|u1", "|i1", "<u2", "<i2", "<u4", "<i4", "<f4", "<f8"} {
		var outs [3][]byte
		for k, procs := range []int{2, 1, 0} { // 0: the general path
			buf, rec := writable(dims, dt)
			for i := range buf {
				buf[i] = byte(rng.Uint32())
			}
			words := append(append([]int64{}, rec...), rec...) // the output is the input
			if procs > 0 {
				runtime.GOMAXPROCS(procs)
			}
			callPath(t, dt, procs > 0, op, p, body, 1, words)
			outs[k] = buf
		}
		runtime.GOMAXPROCS(2)
		for k, procs := range []int{2, 1} {
			if !bytes.Equal(outs[k], outs[2]) {
				t.Fatalf("%s at GOMAXPROCS %d: streamed in-place fill and general results differ", dt, procs)
			}
		}
	}
}

// callPath runs the call of n inputs and an output in words through the
// flat path (flatPath) or the general one, failing t (the case name)
// when the flat path declines it or the general one fails.
func callPath(t *testing.T, name string, flatPath bool, op *ops.Op, p ops.Values, body []byte, n int, words []int64) {
	t.Helper()
	if flatPath {
		st := opCallState{words: words, n: n, hasOut: true}
		if !st.flatCall(op, p) {
			t.Fatalf("%s: the flat path declined", name)
		}
		return
	}
	flatOff = true
	defer func() { flatOff = false }()
	code, text, _, _ := opCall(body, n, true, words, nil, nil, true)
	if code != codeOK {
		t.Fatalf("%s: general path: %d %s", name, code, text)
	}
}
