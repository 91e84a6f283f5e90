package ops

import (
	"errors"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
)

// TestEnumTakesBooleanForTrueFalseChoices: skimage's resize takes
// anti_aliasing=False; the enum auto/true/false must read a JSON boolean
// as its choice, and an enum without those choices still refuses one.
func TestEnumTakesBooleanForTrueFalseChoices(t *testing.T) {
	op := &Op{
		Name:   "test.enumbool",
		Inputs: []Input{{Name: "image", Types: []gips.BufferType{gips.UInt8}}},
		Params: []Param{
			{Name: "aa", Kind: Enum, Default: "auto", Choices: []string{"auto", "true", "false"}},
			{Name: "mode", Kind: Enum, Default: "reflect", Choices: []string{"reflect", "nearest"}},
		},
	}
	for _, b := range []bool{false, true} {
		v, err := op.Parse(map[string]any{"aa": b})
		if err != nil || v.String("aa") != map[bool]string{false: "false", true: "true"}[b] {
			t.Fatalf("aa=%v: got %v, %v", b, v, err)
		}
	}
	_, err := op.Parse(map[string]any{"mode": true})
	if err == nil || !errors.Is(err, ErrParam) || !strings.Contains(err.Error(), "parameter mode") {
		t.Fatalf("mode=true: got %v, want an ErrParam naming mode", err)
	}
}
