package main

import (
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// A scalar op for the tests, so that printing results does not depend on
// which families this build registers.
func init() {
	ops.Register(&ops.Op{
		Name:    "cmdtest.extent",
		Doc:     "The sizes of the image, as a record (test op).",
		Inputs:  []ops.Input{{Name: "image"}},
		Params:  []ops.Param{{Name: "scale", Kind: ops.Float, Default: 1.0}},
		Returns: ops.ResultRecord,
		Run: func(in []*gips.Image, _ *gips.Image, p ops.Values) (ops.Result, error) {
			k := p.Float("scale")
			return ops.RecordResult(ops.Field{Name: "x", Value: k * float64(in[0].SizeX())},
				ops.Field{Name: "z", Value: k * float64(in[0].SizeZ())}), nil
		},
	})
}

func TestRunPrintsScalarResults(t *testing.T) {
	in := writeSmall(t, t.TempDir())
	out, err := gipsRun(t, "run", "cmdtest.extent", in, "--scale=0.5")
	if err != nil || out != "x = 2.5\nz = 1.5\n" {
		t.Fatalf("text: %q %v", out, err)
	}
	out, err = gipsRun(t, "run", "cmdtest.extent", "--json", in)
	if err != nil || strings.TrimSpace(out) != `{"kind":"record","value":{"x":5,"z":3}}` {
		t.Fatalf("json: %q %v", out, err)
	}
	if _, err := gipsRun(t, "run", "cmdtest.extent", in, "-o", "x.tif"); err == nil || !strings.Contains(err.Error(), "drop -o") {
		t.Fatalf("-o for a scalar op: %v", err)
	}
}
