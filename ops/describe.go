package ops

import (
	"encoding/json"

	"github.com/gipsdev/gips"
)

// opJSON is the JSON form of a descriptor, what the C API hands to the
// Python generator and the docs: everything but the functions, with the
// halo's presence as a flag (ask Halo for its value).
type opJSON struct {
	Name    string      `json:"name"`
	Family  string      `json:"family"`
	Doc     string      `json:"doc"`
	Inputs  []inputJSON `json:"inputs"`
	Params  []Param     `json:"params"`
	Returns ResultKind  `json:"returns"`
	HasHalo bool        `json:"halo"`
	InPlace bool        `json:"inPlace"`
	Local   bool        `json:"local"`
	// Modifies: the input written into when no output is given.
	Modifies string `json:"modifies,omitempty"`
}

type inputJSON struct {
	Name  string   `json:"name"`
	Doc   string   `json:"doc,omitempty"`
	Types []string `json:"types"` // buffer type names; every type when the op accepts all
}

// MarshalJSON describes the op: {"name", "family", "doc", "inputs":
// [{"name", "doc", "types"}], "params": [{"name", "doc", "kind",
// "default", "min", "max", "choices"}], "returns": "image" | "number" |
// "record" | "vector" | "histogram" | "table", "halo": bool, "inPlace": bool, "local": bool, "modifies": input name (omitted when "")}.
func (op *Op) MarshalJSON() ([]byte, error) {
	j := opJSON{Name: op.Name, Family: op.Family(), Doc: op.Doc, Params: op.Params,
		Returns: op.Returns, HasHalo: op.Halo != nil, InPlace: op.InPlace, Local: op.Local, Modifies: op.Modifies}
	if j.Params == nil {
		j.Params = []Param{}
	}
	j.Inputs = make([]inputJSON, len(op.Inputs))
	for i, in := range op.Inputs {
		types := in.Types
		if types == nil {
			types = gips.BufferTypes
		}
		j.Inputs[i] = inputJSON{Name: in.Name, Doc: in.Doc, Types: TypeNames(types)}
	}
	return json.Marshal(j)
}

// Describe is the JSON list of every registered op, sorted by name.
func Describe() ([]byte, error) { return json.Marshal(List()) }
