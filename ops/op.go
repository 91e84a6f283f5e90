package ops

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/gipsdev/gips"
)

// Input describes one image input of an op.
type Input struct {
	Name  string            `json:"name"`
	Doc   string            `json:"doc,omitempty"`
	Types []gips.BufferType `json:"-"` // accepted buffer types; nil accepts every type
}

// Op is the descriptor of one algorithm: everything a surface (the Go
// caller, the gips command, the C API and Python, Dask) needs to call it.
type Op struct {
	// Name is "family.op", e.g. "arith.add", "util.convertImg".
	Name string
	// Doc is one paragraph: what the op computes, its output type rule and
	// its border behaviour.
	Doc    string
	Inputs []Input
	Params []Param
	// Output gives the output geometry (buffer type and sizes) from the
	// input geometries and the parameters, or an error when the inputs do
	// not fit together (wrap ErrInput or ErrParam). nil: the op returns a
	// scalar Result of kind Returns, not an image.
	Output func(in []gips.Geometry, p Values) (gips.Geometry, error)
	// Returns is the kind of Result: ResultImage when Output is set (Register
	// fills it in), otherwise the scalar kind the op returns.
	Returns ResultKind
	// Halo is how many pixels of border each output pixel needs along x, y
	// and z, for chunked processing (Dask's map_overlap depth), from the
	// input geometries and the parameters. nil: 0. It is never negative
	// and never larger than the inputs need (a radius past the image's size
	// reads the whole axis).
	Halo func(in []gips.Geometry, p Values) [3]int
	// InPlace says that Run is correct when the output shares memory with
	// an input (the pointwise ops); otherwise Call refuses such an output.
	InPlace bool
	// Local says that the output at a pixel depends only on the inputs
	// within Halo of it and on the parameters, and that the output has the
	// input's sizes: an image cut into chunks, each processed with that
	// overlap, gives the whole image's result (Dask's map_overlap, the
	// out-of-core slabs). Pointwise and neighbourhood ops are local; ops that
	// look at the whole image (Otsu, labelling, a min-max rescale) are not.
	Local bool
	// Modifies names the input that the op writes into when the caller
	// gives no output: the reference SDK's in-place ops (util.eraseImg).
	// Call then uses that input as the output, on every surface. "" for ops
	// that return a new image. It needs InPlace.
	Modifies string
	// Run computes the op. Call has checked the inputs' count and types and
	// the parameters; for image ops out is non-nil, writable, of the
	// geometry Output gave (allocated by Call when the caller gave none),
	// and Run returns ImageResult(out). For scalar ops out is nil.
	Run func(in []*gips.Image, out *gips.Image, p Values) (Result, error)
}

// Family is the part of the name before the dot.
func (op *Op) Family() string { f, _, _ := strings.Cut(op.Name, "."); return f }

// Param is the parameter of that name, or nil.
func (op *Op) Param(name string) *Param {
	for i := range op.Params {
		if op.Params[i].Name == name {
			return &op.Params[i]
		}
	}
	return nil
}

// The buffer-type sets that inputs commonly accept.
var (
	// Numeric is the plain number types: UInt8 ... Real64.
	Numeric = []gips.BufferType{gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32, gips.Real32, gips.Real64}
	// Integer is the plain integer types.
	Integer = []gips.BufferType{gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32}
	// Labels is the label types.
	Labels = []gips.BufferType{gips.Label8, gips.Label16, gips.Label32}
	// AllTypes is every buffer type (the same as a nil Input.Types).
	AllTypes = gips.BufferTypes
)

var (
	mu       sync.RWMutex
	registry = map[string]*Op{}

	opName    = regexp.MustCompile(`^[a-z][a-z0-9]*\.[a-z][A-Za-z0-9]*$`)
	paramName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// Register adds op to the registry. It is meant for init functions (one
// file ops/<family>.go per family) and panics on a malformed descriptor or
// a name that is already taken: both are programming errors that every
// test run then reports.
func Register(op *Op) {
	if err := op.validate(); err != nil {
		panic("ops.Register: " + err.Error())
	}
	if op.Output != nil {
		op.Returns = ResultImage
	}
	mu.Lock()
	defer mu.Unlock()
	if _, dup := registry[op.Name]; dup {
		panic(fmt.Sprintf("ops.Register: %s registered twice", op.Name))
	}
	registry[op.Name] = op
}

func (op *Op) validate() error {
	if !opName.MatchString(op.Name) {
		return fmt.Errorf("op name %q: want family.name (lower-case family, camelCase name)", op.Name)
	}
	if op.Run == nil {
		return fmt.Errorf("%s: no Run function", op.Name)
	}
	if op.Output == nil && (op.Returns == "" || op.Returns == ResultImage) {
		return fmt.Errorf("%s: no Output rule and no scalar Returns kind", op.Name)
	}
	if op.Local && op.Output == nil {
		return fmt.Errorf("%s: Local but returns no image", op.Name)
	}
	if op.Modifies != "" && (!op.InPlace || !slices.ContainsFunc(op.Inputs, func(in Input) bool { return in.Name == op.Modifies })) {
		return fmt.Errorf("%s: Modifies %q must name an input of an InPlace op", op.Name, op.Modifies)
	}
	seen := map[string]bool{}
	for _, in := range op.Inputs {
		if in.Name == "" || seen[in.Name] {
			return fmt.Errorf("%s: input name %q empty or repeated", op.Name, in.Name)
		}
		seen[in.Name] = true
	}
	for _, p := range op.Params {
		if !paramName.MatchString(p.Name) || seen[p.Name] {
			return fmt.Errorf("%s: parameter name %q malformed or repeated", op.Name, p.Name)
		}
		seen[p.Name] = true
		if !slices.Contains(kinds, p.Kind) {
			return fmt.Errorf("%s: parameter %s: unknown kind %q", op.Name, p.Name, p.Kind)
		}
		if p.Optional && p.Default != nil {
			return fmt.Errorf("%s: parameter %s: Optional with a Default", op.Name, p.Name)
		}
		if p.Kind == Enum && len(p.Choices) == 0 {
			return fmt.Errorf("%s: parameter %s: enum without choices", op.Name, p.Name)
		}
		if p.Default != nil {
			if _, err := op.convert(&p, p.Default); err != nil {
				return fmt.Errorf("default: %w", err)
			}
		}
	}
	return nil
}

// Lookup returns the op registered under name.
func Lookup(name string) (*Op, error) {
	mu.RLock()
	op := registry[name]
	mu.RUnlock()
	if op == nil {
		return nil, fmt.Errorf("%q: %w (see `gips ops`)", name, ErrUnknownOp)
	}
	return op, nil
}

// List returns every registered op, sorted by name.
func List() []*Op {
	mu.RLock()
	out := make([]*Op, 0, len(registry))
	for _, op := range registry {
		out = append(out, op)
	}
	mu.RUnlock()
	slices.SortFunc(out, func(a, b *Op) int { return strings.Compare(a.Name, b.Name) })
	return out
}
