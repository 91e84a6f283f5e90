package util

import (
	"errors"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// TestConvertImgMatchesNumpy converts every buffer type to every buffer
// type in every mode, in every layout, against numpy (variants are
// Type_mode). Reference rules, written independently: clamp is sat() of
// the values (Binary sources read as x != 0; to Binary, x != 0 and not
// NaN); scale and minmax map [lo, hi] to [olo, ohi] as (x - lo) * k + olo
// with k = (ohi - olo) / (hi - lo), floats counting as [0, 1], then sat(),
// and to Binary x >= 0.5.
func TestConvertImgMatchesNumpy(t *testing.T) {
	var variants []string
	for _, bt := range gips.BufferTypes {
		for _, m := range Scalings {
			variants = append(variants, bt.String()+"_"+string(m))
		}
	}
	imgtest.CompareVariants(t, variants, gips.BufferTypes, imgtest.SameType(1), `
store = {"UInt8": np.uint8, "Int8": np.int8, "UInt16": np.uint16, "Int16": np.int16, "UInt32": np.uint32,
         "Int32": np.int32, "Real32": np.float32, "Real64": np.float64, "Binary": np.uint8,
         "Label8": np.uint8, "Label16": np.uint16, "Label32": np.uint32}
def unit(name):
    if name in ("Real32", "Real64"): return 0.0, 1.0
    if name == "Binary": return 0.0, 1.0
    i = np.iinfo(store[name]); return float(i.min), float(i.max)
def f(x, dt, variant):
    tname, mode = variant.split("_")
    a = x[0]
    if case_type == "Binary": a = (a != 0).astype(np.uint8)
    if mode != "clamp":
        a = a.astype(np.float64)
        if mode == "scale":
            lo, hi = unit(case_type)
        else:
            ok = a[~np.isnan(a)]
            lo, hi = (float(ok.min()), float(ok.max())) if ok.size else (0.0, 0.0)
        olo, ohi = unit(tname)
        k = (ohi - olo) / (hi - lo) if hi > lo else 0.0
        a = (a - lo) * k + olo
        if tname == "Binary": return (a >= 0.5).astype(np.uint8)
    elif tname == "Binary":
        return ((a != 0) & ~np.isnan(a)).astype(np.uint8)
    return sat(a, store[tname])
`, func(variant string, c *imgtest.Case) error {
		name, mode, _ := strings.Cut(variant, "_")
		to, err := gips.ParseBufferType(name)
		if err != nil {
			return err
		}
		return ConvertImgInto(c.Out(to), c.In[0], Scaling(mode))
	})
}

func TestEraseAndCopyMatchNumpy(t *testing.T) {
	imgtest.CompareVariants(t, []string{"erase", "copy"}, gips.BufferTypes, imgtest.SameType(1), `
def f(x, dt, variant):
    if variant == "copy": return x[0]
    if case_type == "Binary": return np.ones_like(x[0])
    return sat(np.full(x[0].shape, -3.5), dt)
`, func(variant string, c *imgtest.Case) error {
		out := c.Out(c.Type)
		if variant == "copy" {
			return CopyImg(c.In[0], out)
		}
		return EraseImg(out, -3.5)
	})
}

func TestConvertErrors(t *testing.T) {
	a, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 3, 2))
	b, _ := gips.CreateImage(gips.Geometry2d(gips.UInt16, 2, 2))
	if err := ConvertImgInto(b, a, Clamp); !errors.Is(err, gips.ErrShape) {
		t.Errorf("sizes: %v", err)
	}
	if _, err := ConvertImg(a, gips.UInt16, "nope"); err == nil || !strings.Contains(err.Error(), `scaling "nope"`) {
		t.Errorf("mode: %v", err)
	}
	if err := CopyImg(a, b); !errors.Is(err, gips.ErrBufferType) {
		t.Errorf("copy types: %v", err)
	}
}
