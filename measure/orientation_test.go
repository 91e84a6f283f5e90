package measure

import (
	"math"
	"testing"

	"github.com/gipsdev/gips"
)

// TestOrientationAcrossTheDiagonal measures scikit-image#6815's objects: a
// line on the anti-diagonal (its inertia tensor has a == c exactly) between
// two lines a pixel off it on either side. Orientation is continuous in the
// object, so the diagonal's lies between its neighbours' (both near -π/4
// here); with scikit-image 0.19's signs for a == c it was +π/4, on the other
// side of the range. The main diagonal, its mirror image, is the opposite.
func TestOrientationAcrossTheDiagonal(t *testing.T) {
	// numpy order, 4 rows of 16: labels 1, 2 and 3 side by side, as the issue's
	// arrays; 4 is label 2 mirrored left to right (the main diagonal).
	rows := [][]int32{
		{0, 0, 1, 1, 0, 0, 0, 2, 0, 0, 0, 3, 4, 0, 0, 0},
		{0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 3, 0, 4, 0, 0},
		{0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 4, 0},
		{1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 4},
	}
	var flat []int32
	for _, r := range rows {
		flat = append(flat, r...)
	}
	img, err := gips.FromArray(gips.ArrayOf(flat, len(rows), len(rows[0])))
	if err != nil {
		t.Fatal(err)
	}
	tab, err := LabelAnalysis(img, nil)
	if err != nil {
		t.Fatal(err)
	}
	o := tab.Column("orientation")
	if len(o) != 4 {
		t.Fatalf("%d rows, want 4", len(o))
	}
	lo, hi := min(o[0], o[2]), max(o[0], o[2])
	if !(lo < o[1] && o[1] < hi) || math.Abs(o[1]+math.Pi/4) > 1e-12 {
		t.Errorf("anti-diagonal %v, want -π/4 between its neighbours %v and %v", o[1], o[0], o[2])
	}
	if math.Abs(o[3]-math.Pi/4) > 1e-12 {
		t.Errorf("main diagonal %v, want π/4", o[3])
	}
}
