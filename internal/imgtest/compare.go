package imgtest

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testref"
)

// Case is one buffer type in one layout: the inputs of an op, and the
// output it writes.
type Case struct {
	Name   string // type_layout, also the key in numpy's dicts
	Type   gips.BufferType
	Layout Layout
	In     []*gips.Image
	rng    *rand.Rand
	out    *gips.Image
	outArr gips.Array
}

// Out makes the output image of type t, in the case's layout (a flipped
// or padded output when the inputs are).
func (c *Case) Out(t gips.BufferType) *gips.Image {
	c.out, c.outArr = Make(t, c.Layout, c.rng)
	return c.out
}

// SameType gives an op's n inputs the case's type: the inTypes of
// CompareInputs and CompareVariants for most ops.
func SameType(n int) func(bt gips.BufferType) []gips.BufferType {
	return func(bt gips.BufferType) []gips.BufferType {
		in := make([]gips.BufferType, n)
		for i := range in {
			in[i] = bt
		}
		return in
	}
}

// Prelude is Python that every script can use: rnd rounds half away from
// zero exactly; sat converts to a dtype as gips.Saturate does (NaN to 0,
// rnd, clip) for integers and by astype for floats.
const Prelude = `
np.seterr(all="ignore")
def rnd(x):
    x = np.asarray(x, dtype=np.float64)
    m = np.abs(x)
    f = np.floor(m)
    return np.copysign(f + (m - f >= 0.5), x)
def sat(x, dt):
    dt = np.dtype(dt)
    if dt.kind == "f":
        return np.asarray(x).astype(dt)
    info = np.iinfo(dt)
    if np.asarray(x).dtype.kind in "iu":
        return np.clip(x, info.min, info.max).astype(dt)
    x = np.asarray(x, dtype=np.float64)
    return np.clip(rnd(np.where(np.isnan(x), 0, x)), info.min, info.max).astype(dt)
`

// CompareWithNumpy builds nIn inputs of each type in each of Layouts, runs
// op on each case (op makes its output with c.Out), and compares every
// output pixel with numpy's. script defines f(inputs, dtype) returning the
// expected array, where inputs is the list of input arrays (numpy order,
// C-contiguous, the stored dtype; Binary as uint8) and dtype the case's.
// Equality is exact, NaN equal to NaN.
func CompareWithNumpy(t *testing.T, types []gips.BufferType, nIn int, script string, op func(c *Case) error) {
	t.Helper()
	CompareInputs(t, types, SameType(nIn), script, op)
}

// CompareInputs is CompareWithNumpy for ops whose inputs differ in type
// (a Binary mask, say): inTypes gives the input types of the case of type
// bt, and the case's Type is bt.
func CompareInputs(t *testing.T, types []gips.BufferType, inTypes func(bt gips.BufferType) []gips.BufferType, script string, op func(c *Case) error) {
	t.Helper()
	CompareVariants(t, []string{""}, types, inTypes, script+"\nf0 = f\ndef f(x, dt, variant): return f0(x, dt)\n",
		func(_ string, c *Case) error { return op(c) })
}

// CompareVariants runs several variants of an op (output types, modes,
// parameters) on the same inputs in one Python run: script defines
// f(inputs, dtype, variant) and op gets the variant with each case. The
// script also sees case_type, the name of the case's buffer type.
func CompareVariants(t *testing.T, variants []string, types []gips.BufferType, inTypes func(bt gips.BufferType) []gips.BufferType,
	script string, op func(variant string, c *Case) error) {
	t.Helper()
	inp := map[string]gips.Array{}
	var cases []*Case
	nIn := 0
	for ti, bt := range types {
		for li, l := range Layouts {
			c := &Case{Name: bt.String() + "_" + strings.ReplaceAll(l.Name, "-", "_"), Type: bt, Layout: l,
				rng: rand.New(rand.NewPCG(uint64(ti), uint64(li)))}
			its := inTypes(bt)
			nIn = len(its)
			for k, it := range its {
				img, arr := Make(it, l, c.rng)
				c.In = append(c.In, img)
				inp[fmt.Sprintf("%s__%d", c.Name, k)] = arr
			}
			cases = append(cases, c)
		}
	}
	keys := make([]string, len(cases))
	for i, c := range cases {
		keys[i] = c.Name
	}
	sort.Strings(keys)
	prog := Prelude + script + fmt.Sprintf(`
for k in %s:
    ins = [inp["%%s__%%d" %% (k, i)] for i in range(%d)]
    case_type = k.split("_")[0]
    for _variant in %s:
        out[_variant + "__" + k] = f(ins, ins[0].dtype, _variant)
`, pyList(keys), nIn, pyList(variants))
	ref := testref.Run(t, prog, inp)
	for _, v := range variants {
		for _, c := range cases {
			c.out = nil
			name := v + "__" + c.Name
			if err := op(v, c); err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if c.out == nil {
				t.Fatalf("%s: the op made no output (use c.Out)", name)
			}
			if err := c.out.Sync(); err != nil {
				t.Fatalf("%s: sync: %v", name, err)
			}
			Equal(t, name, c.outArr, ref[name])
		}
	}
}

func pyList(s []string) string {
	q := make([]string, len(s))
	for i, k := range s {
		q[i] = fmt.Sprintf("%q", k)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
