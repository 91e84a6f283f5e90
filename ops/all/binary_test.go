package all_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// binaryMasks is one mask in the three spellings a Binary image may have:
// 0/1 bytes, 0/255 bytes (an OpenCV or PIL mask), and int8 -1 (a numpy
// bool array viewed as int8 and negated), all wrapped by FromBinaryArray.
func binaryMasks(shape []int, rng *rand.Rand) (masks map[string]*gips.Image) {
	n := 1
	for _, s := range shape {
		n *= s
	}
	bits := make([]bool, n)
	for i := range bits {
		bits[i] = rng.IntN(3) == 0
	}
	ones, full := make([]uint8, n), make([]uint8, n)
	minus := make([]int8, n)
	for i, b := range bits {
		if b {
			ones[i], full[i], minus[i] = 1, 255, -1
		}
	}
	masks = map[string]*gips.Image{}
	for name, a := range map[string]gips.Array{"0/1": gips.ArrayOf(ones, shape...), "0/255": gips.ArrayOf(full, shape...), "int8 -1": gips.ArrayOf(minus, shape...)} {
		img, err := gips.FromBinaryArray(a)
		if err != nil {
			panic(err)
		}
		masks[name] = img
	}
	return masks
}

// outcome is what an op gave, in a form that compares by meaning: a Binary
// image as 0/1 whatever bytes it holds, any other image by its bytes, a
// scalar result by its JSON.
func outcome(res ops.Result, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	if res.Kind != ops.ResultImage {
		b, _ := json.Marshal(res)
		return string(b)
	}
	img := res.Image
	s := img.Geometry().String() + ":"
	for p := range img.NumPlanes() {
		for y := range img.SizeY() {
			row := img.Row(p, y)
			if img.Type() == gips.Binary {
				for _, v := range row {
					s += fmt.Sprint(min(v, 1))
				}
			} else {
				s += fmt.Sprintf("%x", row)
			}
		}
	}
	return s
}

// TestEveryOpReadsBinaryAsNonzero is the one Binary contract: every
// registered op that accepts a Binary input gives the same result for the
// same mask spelt 0/1, 0/255 or int8 -1, in 2D and 3D.
func TestEveryOpReadsBinaryAsNonzero(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	n := 0
	for _, op := range ops.List() {
		if !slices.ContainsFunc(op.Inputs, func(in ops.Input) bool { return in.Types == nil || slices.Contains(in.Types, gips.Binary) }) {
			continue
		}
		n++
		p, err := op.Parse(samples(op))
		if err != nil {
			t.Fatalf("%s: %v", op.Name, err)
		}
		for _, shape := range [][]int{{7, 13}, {3, 5, 9}} {
			masks := binaryMasks(shape, rng)
			var want string
			for i, name := range []string{"0/1", "0/255", "int8 -1"} {
				ins := make([]*gips.Image, len(op.Inputs))
				for k, in := range op.Inputs {
					if in.Types == nil || slices.Contains(in.Types, gips.Binary) {
						ins[k] = masks[name]
						continue
					}
					g := masks[name].Geometry().WithType(in.Types[0])
					ins[k], _ = gips.CreateImage(g)
				}
				got := outcome(callSafely(op, ins, p))
				if i == 0 {
					want = got
				} else if got != want {
					t.Errorf("%s %v: mask %s gives\n  %.300s\nwhere 0/1 gives\n  %.300s", op.Name, shape, name, got, want)
				}
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d ops accept Binary inputs", n)
	}
}

// callSafely runs an op on fresh copies of the masks when it modifies its
// input, so that the next spelling reads the original.
func callSafely(op *ops.Op, ins []*gips.Image, p ops.Values) (ops.Result, error) {
	if op.Modifies != "" {
		for i, img := range ins {
			c, err := gips.Copy(img)
			if err != nil {
				return ops.Result{}, err
			}
			ins[i] = c
		}
	}
	return op.Call(ins, nil, p)
}
