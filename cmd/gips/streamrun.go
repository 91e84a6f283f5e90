package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gipsdev/gips/ops"
	"github.com/gipsdev/gips/stream"
)

// runStreamed runs op out of core when the user asked for it (--memory)
// or when the inputs are larger than the default budget and the op can
// (stream.Supported). done is false when the run is left to the in-memory
// path. An interrupt (SIGINT, SIGTERM) stops the run between slabs and
// removes the half-written output; a second one ends the process at once,
// still without an output file (it is renamed into place only at the end).
func runStreamed(op *ops.Op, p ops.Values, files []string, outPath, memory string, asJSON, showProgress bool, w, ew io.Writer) (done bool, err error) {
	table := op.Returns == ops.ResultTable && stream.SupportedTable(op)
	if op.Returns != ops.ResultImage && !table {
		if memory != "" {
			return true, usagef("run %s: --memory runs image ops and measure.labelAnalysis out of core; the op returns a %s", op.Name, op.Returns)
		}
		return false, nil
	}
	o := stream.Options{}
	if memory != "" {
		if o.Memory, err = stream.ParseBytes(memory); err != nil {
			return true, usagef("run: --memory: %v", err)
		}
	} else {
		var total int64
		for _, f := range files {
			if st, err := os.Stat(f); err == nil {
				total += st.Size()
			}
		}
		if !(table || stream.Supported(op)) || total <= stream.DefaultMemory() {
			return false, nil
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var bar *progress
	o.Progress = func(n, total int) {
		if bar == nil {
			bar = newProgressTo(ew, op.Name+" (out of core)", total, showProgress)
		}
		bar.add(n - bar.n)
	}
	t0 := time.Now()
	var st stream.Stats
	var res ops.Result
	if table {
		res, st, err = stream.TableOp(ctx, op, p, files, o)
	} else {
		st, err = stream.RunOp(ctx, op, p, files, outPath, o)
	}
	if bar != nil {
		bar.finish()
	}
	if err != nil {
		if ctx.Err() != nil {
			return true, fmt.Errorf("run %s: interrupted: no output written", op.Name)
		}
		// Left to the in-memory path when the user did not ask for a
		// budget and the run could not start out of core.
		if memory == "" && errors.Is(err, stream.ErrUnsupported) {
			return false, nil
		}
		return true, err
	}
	elapsed := time.Since(t0)
	if table {
		switch {
		case outPath != "":
			if err := writeFileAtomic(outPath, []byte(res.String()+"\n")); err != nil {
				return true, err
			}
			fmt.Fprintf(w, "%s: %d rows -> %s in %v (out of core: %d slabs of %d planes, --memory %s)\n",
				op.Name, rows(res.Table), outPath, elapsed.Round(time.Millisecond), st.Slabs, st.Planes, stream.FormatBytes(st.Budget))
		case asJSON:
			return true, writeJSON(w, res)
		default:
			_, err = fmt.Fprintln(w, res)
		}
		return true, err
	}
	if asJSON {
		return true, writeJSON(w, map[string]any{"op": op.Name, "output": outPath, "seconds": elapsed.Seconds(),
			"stream": map[string]any{"budget": st.Budget, "slabs": st.Slabs, "planes": st.Planes, "halo": st.Halo}})
	}
	fmt.Fprintf(w, "%s: %v -> %s in %v (out of core: %d slabs of %d planes, halo %d, --memory %s)\n",
		op.Name, st.Output, outPath, elapsed.Round(time.Millisecond), st.Slabs, st.Planes, st.Halo, stream.FormatBytes(st.Budget))
	return true, nil
}
