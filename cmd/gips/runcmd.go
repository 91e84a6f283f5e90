package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
	"github.com/gipsdev/gips/ops"
)

// cmdRun runs one op on files: gips run OP [--param value ...] IN... -o OUT.
// The op's own parameters are parsed by the registry; -o, --json,
// --memory, --progress and --help belong to the command. With --memory,
// or when the inputs are larger than the default budget, an op that can
// runs out of core (package stream): the inputs are mapped and the output
// written slab by slab within the budget.
func cmdRun(args []string, w, ew io.Writer) error {
	if len(args) == 0 {
		return usagef("run: no op (see gips ops)")
	}
	op, err := ops.Lookup(args[0])
	if err != nil {
		return err
	}
	var outPath, memory string
	var asJSON, showProgress bool
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
		case a == "--progress" && op.Param("progress") == nil:
			showProgress = true
		case (a == "--memory" || strings.HasPrefix(a, "--memory=")) && op.Param("memory") == nil:
			if v, ok := strings.CutPrefix(a, "--memory="); ok {
				memory = v
			} else if i+1 < len(args) {
				i++
				memory = args[i]
			} else {
				return usagef("run: --memory needs a size (256MiB, 4GiB)")
			}
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
	if op.Returns != ops.ResultImage && op.Returns != ops.ResultTable && outPath != "" {
		return usagef("run %s: the op returns a %s, not an image or a table: drop -o", op.Name, op.Returns)
	}
	if done, err := runStreamed(op, p, files, outPath, memory, asJSON, showProgress, w, ew); done || err != nil {
		return err
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
	if res.Kind == ops.ResultTable && outPath != "" {
		if err := writeFileAtomic(outPath, []byte(res.String()+"\n")); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %d rows -> %s in %v\n", op.Name, rows(res.Table), outPath, elapsed.Round(time.Microsecond))
		return nil
	}
	if asJSON {
		return writeJSON(w, res)
	}
	_, err = fmt.Fprintln(w, res)
	return err
}

// writeFileAtomic writes a whole file next to path and renames it into
// place, so that an interrupted run leaves the old file or none, never half
// a table.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// cmdMeasure is gips measure LABELS [--intensity IMG] [--param value ...]
// [-o TABLE.csv]: measure.labelAnalysis, or measure.labelIntensityAnalysis
// with an intensity image, as a CSV table with units in its header.
func cmdMeasure(args []string, w, ew io.Writer) error {
	var rest []string
	intensity := ""
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--intensity" && i+1 < len(args):
			i++
			intensity = args[i]
		case strings.HasPrefix(a, "--intensity="):
			intensity = strings.TrimPrefix(a, "--intensity=")
		default:
			rest = append(rest, a)
		}
	}
	if intensity == "" {
		return cmdRun(append([]string{"measure.labelAnalysis"}, rest...), w, ew)
	}
	return cmdRun(append(append([]string{"measure.labelIntensityAnalysis"}, rest...), intensity), w, ew)
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

func rows(t *ops.Table) int {
	if t == nil || len(t.Columns) == 0 {
		return 0
	}
	return len(t.Columns[0])
}
