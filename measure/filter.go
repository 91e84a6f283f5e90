package measure

import (
	"fmt"
	"math"
	"slices"

	"github.com/gipsdev/gips"
)

// ShapeFiltering keeps the labels whose measures satisfy a condition (the
// reference SDK's shapeFiltering2dImg / 3dImg), for example
//
//	measure.ShapeFiltering(labels, "area > 100 and sphericity > 0.8")
//
// and returns a new label image of the same type and calibration in which
// every other label is 0. The expression may use any column of
// LabelAnalysis (see Measures), numbers, + - * /, comparisons, and, or,
// not, and parentheses; a NaN measure compares false. opts are
// LabelAnalysis's (WithSpacing).
func ShapeFiltering(labels *gips.Image, expr string, opts ...Option) (*gips.Image, error) {
	if labels == nil {
		return nil, fmt.Errorf("shapeFiltering: nil labels: %w", ErrLabels)
	}
	out, err := gips.CreateImage(labels.Geometry())
	if err != nil {
		return nil, fmt.Errorf("shapeFiltering: %w", err)
	}
	out.SetCalibration(labels.Calibration())
	return out, ShapeFilteringInto(out, labels, expr, opts...)
}

// ShapeFilteringInto is ShapeFiltering into dst, which has the labels'
// geometry and type; dst may be labels itself (filtered in place).
func ShapeFilteringInto(dst, labels *gips.Image, expr string, opts ...Option) error {
	keep, err := Keep(labels, expr, opts...)
	if err != nil {
		return fmt.Errorf("shapeFiltering: %w", err)
	}
	if dst == nil || dst.Geometry() != labels.Geometry() {
		return fmt.Errorf("shapeFiltering: output %v: want the labels' geometry %v: %w", geomOf(dst), labels.Geometry(), ErrParam)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("shapeFiltering: output: %w", err)
	}
	if err := SelectLabelsInto(dst, labels, keep); err != nil {
		return fmt.Errorf("shapeFiltering: %w", err)
	}
	return nil
}

func geomOf(img *gips.Image) any {
	if img == nil {
		return "nil"
	}
	return img.Geometry()
}

// Keep is the sorted list of labels whose measures satisfy expr (see
// ShapeFiltering).
func Keep(labels *gips.Image, expr string, opts ...Option) ([]uint32, error) {
	if len(expr) > 4096 {
		return nil, fmt.Errorf("expression of %d characters: at most 4096: %w", len(expr), ErrParam)
	}
	f, cols, err := parseFilter(expr)
	if err != nil {
		return nil, err
	}
	names := slices.DeleteFunc(slices.Clone(cols), func(s string) bool { return s == "label" })
	if len(names) == 0 {
		names = []string{"label"}
	}
	t, err := LabelAnalysis(labels, nil, append(slices.Clone(opts), WithMeasures(names...))...)
	if err != nil {
		return nil, err
	}
	defer t.release()
	row := make([]float64, len(cols))
	data := make([][]float64, len(cols))
	for i, c := range cols {
		data[i] = t.Column(c)
	}
	var keep []uint32
	for r, l := range t.Labels() {
		for i := range cols {
			row[i] = data[i][r]
		}
		if v := f(row); v != 0 && !math.IsNaN(v) {
			keep = append(keep, l)
		}
	}
	return keep, nil
}

type selectArgs struct {
	dst, src *gips.Image
	keep     []uint32
}

// SelectLabelsInto writes into dst (the geometry and type of labels, or
// labels itself) the labels that are in keep (sorted) and 0 elsewhere.
func SelectLabelsInto(dst, labels *gips.Image, keep []uint32) error {
	if dst.Geometry() != labels.Geometry() {
		return fmt.Errorf("selectLabels: output %v: want %v: %w", dst.Geometry(), labels.Geometry(), ErrParam)
	}
	return gips.Dispatch(labels.Type(), gips.Kernels[selectArgs]{
		U8: selectLabels[uint8], I8: selectLabels[int8], U16: selectLabels[uint16], I16: selectLabels[int16],
		U32: selectLabels[uint32], I32: selectLabels[int32],
	}, selectArgs{dst, labels, keep})
}

func selectLabels[T uint8 | int8 | uint16 | int16 | uint32 | int32](a selectArgs) error {
	src, err := gips.Planes[T](a.src)
	if err != nil {
		return err
	}
	dst, err := gips.WritablePlanes[T](a.dst)
	if err != nil {
		return err
	}
	for z := range src {
		for y := range src[z].Height {
			in, out := src[z].Row(y), dst[z].Row(y)
			var prev T
			prevKeep := false
			for x, v := range in {
				if v != prev || x == 0 {
					prev = v
					_, prevKeep = slices.BinarySearch(a.keep, uint32(v))
					prevKeep = prevKeep && v > 0
				}
				if prevKeep {
					out[x] = v
				} else {
					out[x] = 0
				}
			}
		}
	}
	return nil
}
