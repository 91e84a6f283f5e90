package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

func isUnknownOp(err error) bool { return errors.Is(err, ops.ErrUnknownOp) }

func nextUp(t float64) float64 { return math.Nextafter(t, math.Inf(1)) }

func maxOf(t gips.BufferType) float64 { _, hi := t.Range(); return hi }

// fraction is the share of non-zero pixels of a mask.
func fraction(mask *gips.Image) float64 {
	ps, err := gips.Planes[uint8](mask)
	if err != nil {
		return math.NaN()
	}
	var n int
	for _, p := range ps {
		for y := range p.Height {
			for _, v := range p.Row(y) {
				if v != 0 {
					n++
				}
			}
		}
	}
	return float64(n) / float64(mask.Geometry().Pixels())
}

// statistics runs the registered stats ops that take one image and no
// required parameter and return numbers, and lists the results: the demo
// shows whatever the stats family offers. A number already in a record
// (stats.max next to stats.measure's max) is not repeated.
func statistics(img *gips.Image, _ io.Writer) (string, error) {
	var records, numbers []ops.Result
	var names []string
	for _, op := range ops.List() {
		if op.Family() != "stats" || len(op.Inputs) != 1 || (op.Returns != ops.ResultNumber && op.Returns != ops.ResultRecord) || hasRequired(op) {
			continue
		}
		res, err := ops.Call(op.Name, []*gips.Image{img}, nil, nil)
		if err != nil {
			return "", err
		}
		if res.Kind == ops.ResultRecord {
			records = append(records, res)
		} else {
			numbers, names = append(numbers, res), append(names, op.Name)
		}
	}
	var lines []string
	for _, r := range records {
		for _, f := range r.Record {
			lines = append(lines, fmt.Sprintf("%-8s %.10g", f.Name, f.Value))
		}
	}
	for i, r := range numbers {
		short := strings.TrimPrefix(names[i], "stats.")
		if !inRecords(records, short) {
			lines = append(lines, fmt.Sprintf("%-8s %.10g", short, r.Number))
		}
	}
	if len(lines) == 0 {
		return "", fmt.Errorf("no stats op registered: %w", ops.ErrUnknownOp)
	}
	return fmt.Sprintf("%d values\n%s", len(lines), strings.Join(lines, "\n")), nil
}

func inRecords(records []ops.Result, name string) bool {
	for _, r := range records {
		if _, ok := r.Get(name); ok {
			return true
		}
	}
	return false
}

func hasRequired(op *ops.Op) bool {
	for _, p := range op.Params {
		if p.Required() {
			return true
		}
	}
	return false
}
