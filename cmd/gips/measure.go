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

// statistics runs every registered stats op that takes one image and no
// required parameter and returns numbers, and lists the results: the demo
// shows whatever the stats family offers.
func statistics(img *gips.Image, _ io.Writer) (string, error) {
	var lines []string
	for _, op := range ops.List() {
		if op.Family() != "stats" || len(op.Inputs) != 1 || (op.Returns != ops.ResultNumber && op.Returns != ops.ResultRecord) || hasRequired(op) {
			continue
		}
		res, err := ops.Call(op.Name, []*gips.Image{img}, nil, nil)
		if err != nil {
			return "", err
		}
		lines = append(lines, fmt.Sprintf("%-16s %s", op.Name, strings.ReplaceAll(res.String(), "\n", ", ")))
	}
	if len(lines) == 0 {
		return "", fmt.Errorf("no stats op registered: %w", ops.ErrUnknownOp)
	}
	return fmt.Sprintf("%d measures\n%s", len(lines), strings.Join(lines, "\n")), nil
}

func hasRequired(op *ops.Op) bool {
	for _, p := range op.Params {
		if p.Required() {
			return true
		}
	}
	return false
}
