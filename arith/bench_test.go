package arith

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// Run with: go test ./arith -run '^$' -bench . -benchtime 3x
// MB/s counts bytes read plus written; BenchmarkCopy is the machine's
// memory bandwidth in the same run.

func BenchmarkCopy(b *testing.B) { imgtest.BenchCopy(b) }

func BenchmarkArith(b *testing.B) {
	two := map[string]func(dst, a, b *gips.Image) error{
		"Add": AddInto, "Subtract": SubtractInto, "Multiply": MultiplyInto, "Divide": DivideInto,
		"AbsDiff": AbsDiffInto, "Min": MinInto, "Max": MaxInto,
		"LinearCombination": func(dst, a, b *gips.Image) error { return LinearCombinationInto(dst, a, b, 0.5, 0.25, 3) },
	}
	one := map[string]func(dst, a *gips.Image) error{
		"AddScalar":      func(d, a *gips.Image) error { return AddScalarInto(d, a, 7) },
		"MultiplyScalar": func(d, a *gips.Image) error { return MultiplyScalarInto(d, a, 1.7) },
		"DivideScalar":   func(d, a *gips.Image) error { return DivideScalarInto(d, a, 3) },
		"Invert":         InvertInto,
	}
	for _, s := range imgtest.BenchSizes {
		imgtest.BenchOps(b, s, two, one)
	}
}
