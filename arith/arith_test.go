package arith

import (
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// The references compute integers exactly (int64, or Python integers where
// int64 could overflow), round half away from zero (rnd) and clip (sat);
// floats in the images' own dtype, as numpy does.

func binaryCase(f func(dst, a, b *gips.Image) error) func(c *imgtest.Case) error {
	return func(c *imgtest.Case) error { return f(c.Out(c.Type), c.In[0], c.In[1]) }
}

func TestAddMatchesNumpy(t *testing.T) {
	imgtest.CompareWithNumpy(t, imgtest.NumericTypes, 2, `
def f(x, dt):
    if dt.kind == "f": return x[0] + x[1]
    return sat(x[0].astype(np.int64) + x[1], dt)
`, binaryCase(AddInto))
}

func TestSubtractMatchesNumpy(t *testing.T) {
	imgtest.CompareWithNumpy(t, imgtest.NumericTypes, 2, `
def f(x, dt):
    if dt.kind == "f": return x[0] - x[1]
    return sat(x[0].astype(np.int64) - x[1], dt)
`, binaryCase(SubtractInto))
}

func TestAbsDiffMatchesNumpy(t *testing.T) {
	imgtest.CompareWithNumpy(t, imgtest.NumericTypes, 2, `
def f(x, dt):
    if dt.kind == "f": return np.abs(x[0] - x[1])
    return sat(np.abs(x[0].astype(np.int64) - x[1]), dt)
`, binaryCase(AbsDiffInto))
}

func TestMinMaxMatchNumpy(t *testing.T) {
	imgtest.CompareWithNumpy(t, imgtest.NumericTypes, 2, `def f(x, dt): return np.minimum(x[0], x[1])`, binaryCase(MinInto))
	imgtest.CompareWithNumpy(t, imgtest.NumericTypes, 2, `def f(x, dt): return np.maximum(x[0], x[1])`, binaryCase(MaxInto))
}

func TestMultiplyMatchesNumpy(t *testing.T) {
	imgtest.CompareWithNumpy(t, imgtest.NumericTypes, 2, `
def f(x, dt):
    if dt.kind == "f": return x[0] * x[1]
    info = np.iinfo(dt)
    p = x[0].astype(object) * x[1].astype(object)  # Python integers: exact
    return np.clip(p, info.min, info.max).astype(dt)
`, binaryCase(MultiplyInto))
}

func TestDivideMatchesNumpyWithZeroRule(t *testing.T) {
	imgtest.CompareWithNumpy(t, imgtest.NumericTypes, 2, `
def f(x, dt):
    if dt.kind == "f": return x[0] / x[1]
    a, b = x[0].astype(np.int64), x[1].astype(np.int64)
    A, B = np.abs(a), np.maximum(np.abs(b), 1)
    q = A // B + (2 * (A % B) >= B)          # |a| / |b| rounded half up
    q = np.where((a < 0) != (b < 0), -q, q)
    return sat(np.where(b == 0, 0, q), dt)
`, binaryCase(DivideInto))
}

// TestScalarOpsMatchNumpy runs every scalar op with integral, half-way
// and fractional scalars, and one beyond every integer range, in one
// Python run: variants are named op_value.
func TestScalarOpsMatchNumpy(t *testing.T) {
	fs := map[string]func(dst, a *gips.Image, v float64) error{
		"add": AddScalarInto, "subtract": SubtractScalarInto, "multiply": MultiplyScalarInto, "divide": DivideScalarInto,
	}
	values := map[string]float64{"7": 7, "m2p5": -2.5, "0p3": 0.3, "1e10": 1e10}
	var variants []string
	for op := range fs {
		for v := range values {
			variants = append(variants, op+"_"+v)
		}
	}
	imgtest.CompareVariants(t, variants, imgtest.NumericTypes, imgtest.SameType(1), `
ops = {"add": lambda a, v: a + v, "subtract": lambda a, v: a - v,
       "multiply": lambda a, v: a * v, "divide": lambda a, v: a / v}
values = {"7": 7.0, "m2p5": -2.5, "0p3": 0.3, "1e10": 1e10}
def f(x, dt, variant):
    op, v = variant.split("_")
    g, v = ops[op], values[v]
    if dt.kind == "f":
        return g(x[0], dt.type(v))   # the scalar in the image's type first
    return sat(g(x[0].astype(np.float64), v), dt)
`, func(variant string, c *imgtest.Case) error {
		op, v, _ := strings.Cut(variant, "_")
		return fs[op](c.Out(c.Type), c.In[0], values[v])
	})
}

func TestDivideByZeroScalarIsZeroForIntegers(t *testing.T) {
	imgtest.CompareWithNumpy(t, imgtest.NumericTypes, 1, `
def f(x, dt):
    if dt.kind == "f": return x[0] / dt.type(0)
    return np.zeros_like(x[0])
`, func(c *imgtest.Case) error { return DivideScalarInto(c.Out(c.Type), c.In[0], 0) })
}

func TestLinearCombinationMatchesNumpy(t *testing.T) {
	imgtest.CompareWithNumpy(t, imgtest.NumericTypes, 2, `
def f(x, dt):
    r = 0.75 * x[0].astype(np.float64) + (-1.5) * x[1].astype(np.float64)
    return sat(r + 3.25, dt)
`, func(c *imgtest.Case) error {
		return LinearCombinationInto(c.Out(c.Type), c.In[0], c.In[1], 0.75, -1.5, 3.25)
	})
}

func TestInvertMatchesNumpy(t *testing.T) {
	imgtest.CompareWithNumpy(t, imgtest.NumericTypes, 1, `
def f(x, dt):
    if dt.kind == "f": return -x[0]
    if dt.kind == "u": return np.iinfo(dt).max - x[0]
    return sat(-x[0].astype(np.int64), dt)
`, func(c *imgtest.Case) error { return InvertInto(c.Out(c.Type), c.In[0]) })
}
