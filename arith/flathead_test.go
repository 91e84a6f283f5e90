package arith

import (
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/flat"
	"github.com/gipsdev/gips/ops"
)

// TestFlatScalarAlignHead: the flat kernels of the scalar ops and of
// linearCombination run their row on the output's head up to its first
// cache line, then on the rest (pw.Head): long buffers whose output
// starts at each pixel of a line (the inputs one pixel further, so that
// they are cut at another place) give the definition at every pixel.
func TestFlatScalarAlignHead(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 64))
	flatHead[float32](t, rng)
	flatHead[float64](t, rng)
	flatHead[uint8](t, rng)
	flatHead[int16](t, rng)
}

func flatHead[T gips.Pixel](t *testing.T, rng *rand.Rand) {
	tt := gips.TypeOf[T]()
	size := int(unsafe.Sizeof(*new(T)))
	n := 16<<10/size + 41 // as long as pw.Head's least run
	raw := func(s []T) []byte { return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*size) }
	a, b := scalData[T](rng, n+64), scalData[T](rng, n+64)
	dbuf := make([]T, n+128)
	first := int(64-uintptr(unsafe.Pointer(&dbuf[0]))%64) % 64 / size // dbuf[first] starts a line
	for k := range 64 / size {
		d, ak, bk := dbuf[first+k:first+k+n], a[k+1:k+1+n], b[k+1:k+1+n]
		for _, c := range []struct {
			op    string
			value float64 // the op's parameter
			sop   sop
			v     float64 // the definition's operand
		}{{"arith.addScalar", 50, sAdd, 50}, {"arith.subtractScalar", 2.5, sAdd, -2.5}, {"arith.multiplyScalar", 1.5, sMul, 1.5}, {"arith.divideScalar", 7, sDiv, 7}} {
			clear(d)
			if !flat.Lookup(c.op)(tt, 1, flat.Types{tt}, raw(d), flat.Buffers{raw(ak)}, ops.Values{"value": c.value}) {
				t.Fatalf("%v %s: declined", tt, c.op)
			}
			for i := range d {
				if w := scalarWant[T](c.sop, ak[i], c.v); !sameOrNaN(d[i], w) {
					t.Fatalf("%v %s %v, output at pixel %d of a line: pixel %d: %v gives %v, want %v", tt, c.op, c.v, k, i, ak[i], d[i], w)
				}
			}
		}
		if !tt.IsFloat() {
			continue
		}
		clear(d)
		const ka, kb, kc = 0.3, -1.7, 0.5
		if !flat.Lookup("arith.linearCombination")(tt, 2, flat.Types{tt, tt}, raw(d), flat.Buffers{raw(ak), raw(bk)}, ops.Values{"alpha": ka, "beta": kb, "gamma": kc}) {
			t.Fatalf("%v linearCombination: declined", tt)
		}
		for i := range d {
			if w := T(float64(ka*float64(ak[i])) + float64(kb*float64(bk[i])) + kc); !sameOrNaN(d[i], w) {
				t.Fatalf("%v linearCombination, output at pixel %d of a line: pixel %d: %v, %v give %v, want %v", tt, k, i, ak[i], bk[i], d[i], w)
			}
		}
	}
}
