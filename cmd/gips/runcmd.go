package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
	"github.com/gipsdev/gips/ops"
)

// cmdRun runs one op on files: gips run OP [--param value ...] IN... -o OUT.
// The op's own parameters are parsed by the registry; -o, --json and
// --help belong to the command.
func cmdRun(args []string, w io.Writer) error {
	if len(args) == 0 {
		return usagef("run: no op (see gips ops)")
	}
	op, err := ops.Lookup(args[0])
	if err != nil {
		return err
	}
	var outPath string
	var asJSON bool
	var rest []string
	for i := 1; i < len(args); i++ {
		// -o is the command's; a --name is the op's parameter when the op
		// has one of that name (filter.gaussian has --output).
		switch a := args[i]; {
		case a == "-o":
			if i+1 >= len(args) {
				return usagef("run: %s needs a file", a)
			}
			i++
			outPath = args[i]
		case a == "--json" && op.Param("json") == nil:
			asJSON = true
		case a == "-h" || a == "--help" && op.Param("help") == nil:
			describe(w, op)
			return nil
		default:
			rest = append(rest, a)
		}
	}
	p, files, err := op.ParseArgs(rest)
	if err != nil {
		return err
	}
	if len(files) != len(op.Inputs) {
		return usagef("run %s: %d input files, want %d (%s)", op.Name, len(files), len(op.Inputs), inputNames(op))
	}
	if op.Returns == ops.ResultImage && outPath == "" {
		return usagef("run %s: the op makes an image: give -o OUT", op.Name)
	}
	if op.Returns != ops.ResultImage && outPath != "" {
		return usagef("run %s: the op returns a %s, not an image: drop -o", op.Name, op.Returns)
	}
	in := make([]*gips.Image, len(files))
	for i, f := range files {
		if in[i], err = imageio.Load(f); err != nil {
			return err
		}
	}
	t0 := time.Now()
	res, err := op.Call(in, nil, p)
	if err != nil {
		return err
	}
	elapsed := time.Since(t0)
	if res.Kind == ops.ResultImage {
		if err := imageio.Save(outPath, res.Image, nil); err != nil {
			return err
		}
		if asJSON {
			return writeJSON(w, map[string]any{"op": op.Name, "output": outPath, "result": res, "seconds": elapsed.Seconds()})
		}
		fmt.Fprintf(w, "%s: %v -> %s in %v\n", op.Name, res.Image.Geometry(), outPath, elapsed.Round(time.Microsecond))
		return nil
	}
	if asJSON {
		return writeJSON(w, res)
	}
	_, err = fmt.Fprintln(w, res)
	return err
}

func inputNames(op *ops.Op) string {
	s := ""
	for i, in := range op.Inputs {
		if i > 0 {
			s += ", "
		}
		s += in.Name
	}
	return s
}

func writeJSON(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(w, string(b))
	return err
}
