package logic

import (
	"errors"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

var logicTypes = []gips.BufferType{gips.Binary, gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32}

// The references: Binary inputs hold 0, 1, 2 and 255; numpy reads them as
// x != 0 and the result as uint8 0/1. Integers use numpy's bitwise ufuncs.

func two(f func(dst, a, b *gips.Image) error) func(c *imgtest.Case) error {
	return func(c *imgtest.Case) error { return f(c.Out(c.Type), c.In[0], c.In[1]) }
}

func TestAndOrXorMatchNumpy(t *testing.T) {
	for _, c := range []struct {
		name, ufunc string
		f           func(dst, a, b *gips.Image) error
	}{{"and", "np.bitwise_and", AndInto}, {"or", "np.bitwise_or", OrInto}, {"xor", "np.bitwise_xor", XorInto}} {
		t.Run(c.name, func(t *testing.T) {
			imgtest.CompareWithNumpy(t, []gips.BufferType{gips.Binary}, 2, `
def f(x, dt): return `+c.ufunc+`(x[0] != 0, x[1] != 0).astype(np.uint8)
`, two(c.f))
			imgtest.CompareWithNumpy(t, logicTypes[1:], 2, `def f(x, dt): return `+c.ufunc+`(x[0], x[1])`, two(c.f))
		})
	}
}

func TestNotMatchesNumpy(t *testing.T) {
	one := func(c *imgtest.Case) error { return NotInto(c.Out(c.Type), c.In[0]) }
	imgtest.CompareWithNumpy(t, []gips.BufferType{gips.Binary}, 1, `def f(x, dt): return (x[0] == 0).astype(np.uint8)`, one)
	imgtest.CompareWithNumpy(t, logicTypes[1:], 1, `def f(x, dt): return np.invert(x[0])`, one)
}

func TestMaskMatchesNumpy(t *testing.T) {
	all := []gips.BufferType{gips.Binary, gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32, gips.Real32, gips.Real64, gips.Label16}
	imgtest.CompareInputs(t, all, func(bt gips.BufferType) []gips.BufferType { return []gips.BufferType{bt, gips.Binary} },
		`def f(x, dt): return np.where(x[1] != 0, x[0], np.zeros_like(x[0]))`,
		func(c *imgtest.Case) error { return MaskInto(c.Out(c.Type), c.In[0], c.In[1]) })
}

func TestLogicRefusesFloatsAndMixedTypes(t *testing.T) {
	f, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, 2, 2))
	b, _ := gips.CreateImage(gips.Geometry2d(gips.Binary, 2, 2))
	u, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 2, 2))
	if err := AndInto(f, f, f); !errors.Is(err, gips.ErrBufferType) {
		t.Errorf("float and: %v", err)
	}
	if err := OrInto(b, b, u); !errors.Is(err, gips.ErrBufferType) {
		t.Errorf("binary or uint8: %v", err)
	}
	if err := MaskInto(u, u, u); !errors.Is(err, gips.ErrBufferType) {
		t.Errorf("uint8 mask: %v", err)
	}
}
