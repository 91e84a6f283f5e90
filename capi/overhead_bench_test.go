package main

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
)

// The Go side of one tiny in-place op call from Python: parse, wrap, run.
// Pixels on the heap: a goroutine stack may move, and the records hold
// addresses.
var tinyA, tinyC = make([]uint8, 64), make([]uint8, 64)

func BenchmarkRunOpTinyArrays(b *testing.B) {
	a, c := tinyA, tinyC
	arr := func(s []uint8) wireImage {
		return wireImage{Source: &wrapRequest{Kind: "array", Array: &wireArray{Data: addrOf(s), TypeStr: "|u1", Shape: []int{8, 8}, Strides: []int{8, 1}}}}
	}
	body := []byte(`{"op":"arith.add","params":{}}`)
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			var r runRequest
			_ = decode(body, &r)
		}
	})
	b.Run("runOp", func(b *testing.B) {
		for b.Loop() {
			out := arr(a)
			r := runRequest{Op: "arith.add", Inputs: []wireImage{arr(a), arr(c)}, Output: &out}
			if _, err := runOp(r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("wrap", func(b *testing.B) {
		for b.Loop() {
			if _, err := arr(a).image(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("run", func(b *testing.B) {
		for b.Loop() {
			run(body, func(body []byte) (any, error) {
				var r runRequest
				if err := decode(body, &r); err != nil {
					return nil, err
				}
				out := arr(a)
				r.Inputs, r.Output = []wireImage{arr(a), arr(c)}, &out
				return runOp(r)
			})
		}
	})
}

// tinyWords are the records of add(a, c, out=a) on 8x8 uint8 arrays.
func tinyWords() []int64 {
	rec := func(s []uint8) []int64 {
		return []int64{recArray, 0, int64(addrOf(s)), int64('|') | int64('u')<<8 | int64('1')<<16, 2, 8, 8, 8, 1}
	}
	return append(append(rec(tinyA), rec(tinyC)...), rec(tinyA)...)
}

// BenchmarkOpCallTiny is gips_op_call's Go side on 8x8 uint8 arrays:
// add(a, b, out=a).
func BenchmarkOpCallTiny(b *testing.B) {
	words := tinyWords()
	body := []byte(`{"op":"arith.add","params":{}}`)
	for b.Loop() {
		if code, text, _, _ := opCall(body, 2, true, words, nil, nil, true); code != codeOK {
			b.Fatal(code, text)
		}
	}
}

var tinyOut = make([]uint8, 64)

// BenchmarkOpCallTinyFlat is BenchmarkOpCallTiny into another array, which
// takes the flat path (capi/flat.go): add(a, b, out=c).
func BenchmarkOpCallTinyFlat(b *testing.B) {
	rec := func(s []uint8) []int64 {
		return []int64{recArray, 0, int64(addrOf(s)), int64('|') | int64('u')<<8 | int64('1')<<16, 2, 8, 8, 8, 1}
	}
	words := append(append(rec(tinyA), rec(tinyC)...), rec(tinyOut)...)
	body := []byte(`{"op":"arith.add","params":{}}`)
	for b.Loop() {
		if code, text, _, _ := opCall(body, 2, true, words, nil, nil, true); code != codeOK {
			b.Fatal(code, text)
		}
	}
}

// BenchmarkOpCallAndReversed is the bench's and row at 256x256 on the Go
// side: and(b, b[::-1]) into a new array, on the flat path's strided form
// and on the general path (flatOff).
func BenchmarkOpCallAndReversed(b *testing.B) {
	const n = 256
	a, c, o := make([]byte, n*n), make([]byte, n*n), make([]byte, n*n)
	words := []int64{recArray, 4, int64(addrOf(a)), typeWord("|b1"), 2, n, n, n, 1,
		recArray, 4, int64(addrOf(c)) + (n-1)*n, typeWord("|b1"), 2, n, n, -n, 1,
		recArray, 0, int64(addrOf(o)), typeWord("|u1"), 2, n, n, n, 1}
	body := []byte(`{"op":"logic.and","params":{}}`)
	for _, v := range []string{"flat", "general", "contiguous"} {
		b.Run(v, func(b *testing.B) {
			flatOff = v == "general"
			words := words
			if v == "contiguous" { // and(a, c): the whole-buffer kernel
				words = slices.Clone(words)
				words[11], words[16] = int64(addrOf(c)), n
			}
			defer func() { flatOff = false }()
			b.SetBytes(3 * n * n)
			for b.Loop() {
				if code, text, _, _ := opCall(body, 2, true, words, nil, nil, true); code != codeOK {
					b.Fatal(code, text)
				}
			}
			runtime.KeepAlive([][]byte{a, c, o}) // the records hold their addresses only
		})
	}
}

// BenchmarkOpCallMean is stats.mean of a uint8 array from Python, on the
// Go side: the flat reducer and the general path (flatOff), 8x8 and
// 256x256.
func BenchmarkOpCallMean(b *testing.B) {
	for _, n := range []int{8, 256} {
		a := make([]byte, n*n)
		words := record(a, "|u1", []int{n, n}, true)
		body := []byte(`{"op":"stats.mean","params":{}}`)
		for _, v := range []string{"flat", "general"} {
			b.Run(fmt.Sprintf("%d/%s", n, v), func(b *testing.B) {
				flatOff = v == "general"
				defer func() { flatOff = false }()
				for b.Loop() {
					if code, text, _, _ := opCall(body, 1, false, words, nil, nil, true); code != codeOK {
						b.Fatal(code, text)
					}
				}
				runtime.KeepAlive(a) // the record holds its address only
			})
		}
	}
}

// BenchmarkOpCallTinyParams is the flat path's call of an op with
// parameters, 8x8 uint8: threshold.range(a, min, max, out=c).
func BenchmarkOpCallTinyParams(b *testing.B) {
	rec := func(s []uint8) []int64 {
		return []int64{recArray, 0, int64(addrOf(s)), int64('|') | int64('u')<<8 | int64('1')<<16, 2, 8, 8, 8, 1}
	}
	words := append(rec(tinyA), rec(tinyOut)...)
	for _, op := range []string{`threshold.range","params":{"min":130,"max":255}}`, `arith.invert","params":{}}`} {
		body := []byte(`{"op":"` + op)
		b.Run(op[:strings.IndexByte(op, '"')], func(b *testing.B) {
			for b.Loop() {
				if code, text, _, _ := opCall(body, 1, true, words, nil, nil, true); code != codeOK {
					b.Fatal(code, text)
				}
			}
		})
	}
}

// BenchmarkOpCallHistogram is the bench's histogram row on the Go side:
// stats.histogram(a, nbins=256, range="0,256") of a uint8 array, into
// blocks from a Go allocator (Python's are numpy arrays), 8x8 and 256x256.
func BenchmarkOpCallHistogram(b *testing.B) {
	blocks := [2][]byte{make([]byte, 4<<10), make([]byte, 4<<10)}
	next := 0
	alloc := func(n int) uint64 {
		if n > len(blocks[0]) {
			return 0
		}
		next ^= 1
		return addrOf(blocks[next])
	}
	for _, n := range []int{8, 256} {
		a := make([]byte, n*n)
		for i := range a {
			a[i] = byte(i * 7 >> 3)
		}
		words := record(a, "|u1", []int{n, n}, true)
		body := []byte(`{"op":"stats.histogram","params":{"nbins":256,"range":"0,256"}}`)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if code, text, tag, _ := opCall(body, 1, false, words, alloc, nil, true); code != codeOK || tag != tagHistogram {
					b.Fatal(code, text, tag)
				}
			}
			runtime.KeepAlive(a) // the record holds its address only
		})
	}
}

var structIn, structOut, structStrides = make([]float32, 3*64), make([]float32, 64), []int{256, 32, 4}

// BenchmarkOpCallStructRgbGrey is the Go side of rgbToGrey(img) from
// Python on an 8x8 float32 RGB Image (a gips_image record, here the
// wireImage imageFromC makes of it) into the new array Python gives.
func BenchmarkOpCallStructRgbGrey(b *testing.B) {
	in := func(uint64, *arrayRecord) (wireImage, error) {
		g := gips.GeometryRgb2d(gips.Real32, 8, 8)
		return wireImage{Geometry: toWire(g), geom: g, valid: true, TypeStr: "<f4", Data: addrOf(structIn), Strides: structStrides}, nil
	}
	words := []int64{recStruct, 1, recArray, 0, int64(addrOf(structOut)), int64('<') | int64('f')<<8 | int64('4')<<16, 2, 8, 8, 32, 4}
	body := []byte(`{"op":"color.rgbToGrey","params":{}}`)
	b.ReportAllocs()
	for b.Loop() {
		if code, text, _, _ := opCall(body, 1, true, words, nil, in, true); code != codeOK {
			b.Fatal(code, text)
		}
	}
}
