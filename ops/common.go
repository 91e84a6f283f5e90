package ops

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// Parameters and rules that several families share, so that a name means
// one thing everywhere: mode is a border mode, cval its constant, output an
// output buffer type, connectivity a gips.Connectivity.

// ModeParams are the border parameters of every neighbourhood op: mode
// (gips.BorderMode's names, reflect by default as in scipy) and cval. They
// come after the op's own parameters, so that Python's positional order is
// scipy's (gaussian(image, sigma, ...)).
func ModeParams() []Param {
	return []Param{
		{Name: "mode", Doc: "border mode, scipy.ndimage's: reflect (d c b a | a b c d | d c b a), nearest, mirror (d c b | a b c d | c b a), " +
			"constant (cval beyond the border), wrap (a b c d | a b c d | a b c d, scipy's wrap and grid-wrap)",
			Kind: Enum, Default: gips.BorderModeNames[0], Choices: gips.BorderModeNames},
		{Name: "cval", Doc: "the value beyond the border in constant mode", Kind: Float, Default: 0.0},
	}
}

// Border reads the ModeParams.
func Border(p Values) (gips.BorderMode, float64, error) {
	m, err := gips.ParseBorderMode(p.String("mode"))
	if err != nil {
		return 0, 0, fmt.Errorf("parameter mode: %w", err)
	}
	return m, p.Float("cval"), nil
}

// OutputParam is the output parameter: the name of one of types, or
// "same" for the family's rule for keeping the input's type.
func OutputParam(def string, types []gips.BufferType) Param {
	return Param{Name: "output", Doc: "output buffer type, or same for the input's", Kind: Enum, Default: def,
		Choices: append(TypeNames(types), "same")}
}

// Output reads an OutputParam: the named type, or same(in) for "same".
func Output(p Values, in gips.BufferType, same func(gips.BufferType) gips.BufferType) (gips.BufferType, error) {
	s := p.String("output")
	if s == "same" {
		return same(in), nil
	}
	t, err := gips.ParseBufferType(s)
	if err != nil {
		return 0, fmt.Errorf("parameter output: %w", err)
	}
	return t, nil
}

// ConnectivityParam is the connectivity parameter, scikit-image's count:
// 1 faces, 2 edges, 3 corners (3D), 0 the image's full connectivity.
func ConnectivityParam(def int) Param {
	return Param{Name: "connectivity", Doc: "neighbours, as scikit-image: 1 = faces (4 in 2D, 6 in 3D), 2 = + edges (8 in 2D, 18 in 3D), 3 = + corners (26, 3D); 0 = full (the image's highest)",
		Kind: Int, Default: def, Min: Bound(0), Max: Bound(3)}
}

// ConnectivityOf reads a ConnectivityParam for an image of these sizes.
func ConnectivityOf(p Values, g gips.Geometry) (gips.Connectivity, error) {
	ndim := 2
	if g.Volume {
		ndim = 3
	}
	c, err := gips.Connectivity(p.Int("connectivity")).Resolve(ndim)
	if err != nil {
		return 0, fmt.Errorf("parameter connectivity: %w", err)
	}
	return c, nil
}

// Axes3 expands a per-axis vector to x, y, z whatever the image: one value
// for all, two for x and y (z then gets zero), three as given.
func Axes3[T int | float64](v []T) [3]T {
	switch len(v) {
	case 0:
		return [3]T{}
	case 1:
		return [3]T{v[0], v[0], v[0]}
	case 2:
		return [3]T{v[0], v[1], 0}
	}
	return [3]T{v[0], v[1], v[2]}
}

// PerAxis3 is a Floats parameter for an image of geometry g: one value, or
// one per axis (2 for a 2D image, 3 for a volume), x first; z is 0 for a 2D
// image.
func PerAxis3(p Values, name string, g gips.Geometry) ([3]float64, error) {
	v, err := p.PerAxis(name, ndim(g))
	if err != nil {
		return [3]float64{}, err
	}
	return Axes3(v), nil
}

// PerAxisInts3 is PerAxis3 for an Ints parameter; z is 1 for a 2D image
// (a size of one plane).
func PerAxisInts3(p Values, name string, g gips.Geometry) ([3]int, error) {
	v, err := p.PerAxisInts(name, ndim(g))
	if err != nil {
		return [3]int{}, err
	}
	a := Axes3(v)
	if !g.Volume {
		a[2] = 1
	}
	return a, nil
}

func ndim(g gips.Geometry) int {
	if g.Volume {
		return 3
	}
	return 2
}
