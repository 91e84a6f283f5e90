package main

import "C"

import (
	"context"
	"fmt"

	"github.com/gipsdev/gips/ops"
	"github.com/gipsdev/gips/stream"
)

// gips_stream_run runs an op out of core on files (package stream):
// {"op", "params", "inputs": [paths], "output": path, "memory": bytes or
// "256MiB" (absent: the default budget)}. An image op writes the output
// file and replies with how it ran ({"slabs", "planes", "halo",
// "budget"}); measure.labelAnalysis replies with its table too
// ({"result": ...}) and takes no output path. The call holds no pixel
// beyond the budget, and Python's GIL is released during it (ctypes).
//
//export gips_stream_run
func gips_stream_run(req *C.char, out **C.char) C.int { return serve(req, out, handleStreamRun) }

func handleStreamRun(body []byte) (any, error) {
	var r struct {
		Op     string         `json:"op"`
		Params map[string]any `json:"params"`
		Inputs []string       `json:"inputs"`
		Output string         `json:"output"`
		Memory any            `json:"memory"`
	}
	if err := decode(body, &r); err != nil {
		return nil, err
	}
	op, err := ops.Lookup(r.Op)
	if err != nil {
		return nil, err
	}
	p, err := op.Parse(r.Params)
	if err != nil {
		return nil, err
	}
	var o stream.Options
	switch m := r.Memory.(type) {
	case nil:
	case string:
		if o.Memory, err = stream.ParseBytes(m); err != nil {
			return nil, fmt.Errorf("memory: %v: %w", err, ops.ErrParam)
		}
	case float64:
		if m < 1 || m >= 1<<62 {
			return nil, fmt.Errorf("memory: %v bytes: want a positive number: %w", m, ops.ErrParam)
		}
		o.Memory = int64(m)
	default:
		return nil, fmt.Errorf("memory: %v: want bytes or a size such as \"256MiB\": %w", m, ops.ErrParam)
	}
	reply := map[string]any{}
	var st stream.Stats
	if op.Returns == ops.ResultTable {
		if r.Output != "" {
			return nil, fmt.Errorf("%s: returns a table: give no output path: %w", op.Name, ops.ErrOutput)
		}
		var res ops.Result
		if res, st, err = stream.TableOp(context.Background(), op, p, r.Inputs, o); err != nil {
			return nil, err
		}
		reply["result"] = res
	} else if st, err = stream.RunOp(context.Background(), op, p, r.Inputs, r.Output, o); err != nil {
		return nil, err
	}
	reply["slabs"], reply["planes"], reply["halo"], reply["budget"] = st.Slabs, st.Planes, st.Halo, st.Budget
	return reply, nil
}
