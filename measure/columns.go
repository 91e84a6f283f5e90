package measure

import (
	"fmt"
	"slices"
	"strings"
)

// group is the pass a measure needs.
type group uint

const (
	gMoments   group = 1 << iota // counts, boxes, centroids, second moments (always run)
	gWindows                     // eulerNumber, perimeterCrofton: 2x2(x2) configurations
	gPerimeter                   // perimeter: 4-neighbour border pixels
	gHull                        // solidity, feret*: convex hulls
	gSurface                     // surfaceArea, sphericity: marching cubes
	gIntensity                   // intensity sums, extremes, weighted centroid
	gGather                      // intensityStd, intensityMedian: a second pass over the values (not by parts)
	gMedian                      // intensityMedian: the values grouped by label and sorted
)

// unit kinds of a column, resolved with the calibration's unit.
const (
	uNone   = ""
	uLength = "L"
	uArea   = "L2"  // unit^2
	uVolume = "Ln"  // unit^2 in 2D, unit^3 in 3D
	uAngle  = "rad" // radians
)

type column struct {
	name  string
	unit  string
	group group
	dims  int // 2 or 3: only in that dimension; 0 both
}

// allColumns is every measure, in table order. Axis-named columns (X, Y,
// Z) are listed per axis; a 2D table drops the Z ones.
var allColumns = []column{
	{"label", uNone, gMoments, 0},
	{"area", uNone, gMoments, 0},
	{"areaPhysical", uVolume, gMoments, 0},
	{"bboxMinX", uNone, gMoments, 0}, {"bboxMinY", uNone, gMoments, 0}, {"bboxMinZ", uNone, gMoments, 3},
	{"bboxMaxX", uNone, gMoments, 0}, {"bboxMaxY", uNone, gMoments, 0}, {"bboxMaxZ", uNone, gMoments, 3},
	{"centroidX", uLength, gMoments, 0}, {"centroidY", uLength, gMoments, 0}, {"centroidZ", uLength, gMoments, 3},
	{"equivalentDiameter", uLength, gMoments, 0},
	{"eulerNumber", uNone, gWindows, 0},
	{"extent", uNone, gMoments, 0},
	{"solidity", uNone, gHull, 0},
	{"inertiaEigen1", uArea, gMoments, 0}, {"inertiaEigen2", uArea, gMoments, 0}, {"inertiaEigen3", uArea, gMoments, 3},
	{"majorAxisLength", uLength, gMoments, 0},
	{"intermediateAxisLength", uLength, gMoments, 3},
	{"minorAxisLength", uLength, gMoments, 0},
	{"orientation", uAngle, gMoments, 2},
	{"eccentricity", uNone, gMoments, 2},
	{"elongation", uNone, gMoments, 0},
	{"flatness", uNone, gMoments, 3},
	{"perimeter", uLength, gPerimeter, 2},
	{"perimeterCrofton", uLength, gWindows, 2},
	{"surfaceArea", uArea, gSurface, 3},
	{"sphericity", uNone, gSurface, 3},
	{"feretMax", uLength, gHull, 0},
	{"feretMaxAngle", uAngle, gHull, 2},
	{"feretMin", uLength, gHull, 0},
	{"feretMinAngle", uAngle, gHull, 2},
	{"intensityMin", uNone, gIntensity, 0},
	{"intensityMax", uNone, gIntensity, 0},
	{"intensityMean", uNone, gIntensity, 0},
	{"intensityStd", uNone, gIntensity | gGather, 0},
	{"intensitySum", uNone, gIntensity, 0},
	{"intensityMedian", uNone, gIntensity | gGather | gMedian, 0},
	{"weightedCentroidX", uLength, gIntensity, 0}, {"weightedCentroidY", uLength, gIntensity, 0}, {"weightedCentroidZ", uLength, gIntensity, 3},
}

// Measures lists the columns LabelAnalysis gives for an image of ndim
// dimensions (2 or 3), with or without an intensity image, in table order.
func Measures(ndim int, intensity bool) []string {
	var out []string
	for _, c := range allColumns {
		if c.dims != 0 && c.dims != ndim || !intensity && c.group&gIntensity != 0 {
			continue
		}
		out = append(out, c.name)
	}
	return out
}

// selectColumns resolves a list of measure names ("all" or empty for every
// one) to column definitions in table order, label always first.
func selectColumns(names []string, ndim int, intensity bool) ([]column, error) {
	avail := Measures(ndim, intensity)
	want := map[string]bool{"label": true}
	all := len(names) == 0
	for _, n := range names {
		n = strings.TrimSpace(n)
		switch {
		case n == "":
		case n == "all":
			all = true
		case slices.Contains(avail, n):
			want[n] = true
		default:
			why := "unknown measure"
			if slices.ContainsFunc(allColumns, func(c column) bool { return c.name == n }) {
				why = fmt.Sprintf("not a measure of a %dD image", ndim)
				if !intensity {
					why += " without an intensity image"
				}
			}
			return nil, fmt.Errorf("measures: %q: %s; available: %s: %w", n, why, strings.Join(avail, ", "), ErrParam)
		}
	}
	var out []column
	for _, c := range allColumns {
		if slices.Contains(avail, c.name) && (all || want[c.name]) {
			out = append(out, c)
		}
	}
	return out, nil
}

// unitOf spells a unit kind with the calibration's unit ("px" when it has
// none).
func unitOf(kind, unit string, ndim int) string {
	if unit == "" {
		unit = "px"
	}
	switch kind {
	case uLength:
		return unit
	case uArea:
		return unit + "^2"
	case uVolume:
		return fmt.Sprintf("%s^%d", unit, ndim)
	}
	return kind
}
