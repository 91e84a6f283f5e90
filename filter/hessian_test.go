package filter

import (
	"errors"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
)

// hessianRef is skimage 0.19.3's hessian_matrix + hessian_matrix_eigvals,
// and, for an image with a 1-pixel axis (numpy.gradient refuses one), the
// same definition written out with a 0 derivative along that axis.
const hessianRef = `
from skimage.feature import hessian_matrix, hessian_matrix_eigvals
def grad(a, ax):
    return np.gradient(a, axis=ax) if a.shape[ax] > 1 else np.zeros_like(a)
def hess_eig(v, sigma, m, cval):
    if min(v.shape) > 1:
        return hessian_matrix_eigvals(hessian_matrix(v, sigma, mode=m, cval=cval, order='rc'))
    g = ndi.gaussian_filter(v, sigma, mode=m, cval=cval)
    n = v.ndim
    H = np.empty(v.shape + (n, n))
    for i in range(n):
        gi = grad(g, i)
        for j in range(n):
            H[..., i, j] = grad(gi, j)
    e = np.linalg.eigvalsh(H)[..., ::-1]
    return np.moveaxis(e, -1, 0)
def safe(f):
    try:
        return f()
    except ValueError:
        return np.zeros(1)
`

func oneChannel(g gips.Geometry) bool { return g.SizeC == 1 }

func noThinAxis(g gips.Geometry) bool {
	return g.SizeX > 1 && g.SizeY > 1 && (!g.Volume || g.SizeZ > 1)
}

// TestHessianEigenvaluesMatchSkimageAllModes: every one-channel layout
// (2D, 3D, 1-pixel axes) of every type in every mode, cval 1.5, against
// skimage on a float64 copy; the eigenvalues are channels, largest first.
func TestHessianEigenvaluesMatchSkimageAllModes(t *testing.T) {
	cases := []refCase{
		{name: "hessian 1.5", py: "hess_eig(v, 1.5, m, cval)", tol: 1e-9, only: oneChannel,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				return HessianEigenvalues(img, 1.5, WithMode(m), WithCval(cval), WithOutput(gips.Real64))
			}},
		{name: "hessian 0.7", py: "hess_eig(v, 0.7, m, cval)", tol: 1e-9, only: oneChannel,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				g, err := HessianGeometry(img.Geometry(), gips.Real64)
				if err != nil {
					return nil, err
				}
				out, err := gips.CreateImage(g)
				if err != nil {
					return nil, err
				}
				return out, HessianEigenvaluesInto(out, img, [3]float64{0.7, 0.7, 0.7}, WithMode(m), WithCval(cval))
			}},
	}
	compareRef(t, 41, imgtest.NumericTypes, modes, 1.5, hessianRef, cases)
}

// TestFrangiMatchesSkimage: skimage.filters.frangi on the input as it is
// (skimage inverts and scales integer images itself), with its defaults
// and with other parameters, every mode; layouts without a 1-pixel axis
// (skimage refuses those). Within 1e-6 of the largest response: values
// near a cut (the sort by magnitude, λ > 0) agree because both compute in
// float64 (Real32 inputs, which skimage computes in float32, are left out).
func TestFrangiMatchesSkimage(t *testing.T) {
	custom := FrangiParams{Sigmas: []float64{1, 2.5}, Alpha: 0.3, Beta: 0.7, Gamma: 0.05, BlackRidges: false}
	cases := []refCase{
		{name: "frangi defaults", py: "safe(lambda: skf.frangi(v, mode=m, cval=cval))", tol: 1e-6, raw: true, ofResult: true, only: noThinAxis,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				return Frangi(img, DefaultFrangi(), WithMode(m), WithCval(cval), WithOutput(gips.Real64))
			}},
		{name: "frangi custom", py: "safe(lambda: skf.frangi(v, sigmas=[1, 2.5], alpha=0.3, beta=0.7, gamma=0.05, black_ridges=False, mode=m, cval=cval))", tol: 1e-6, raw: true, ofResult: true, only: noThinAxis,
			run: func(img *gips.Image, m Mode, cval float64) (*gips.Image, error) {
				return Frangi(img, custom, WithMode(m), WithCval(cval), WithOutput(gips.Real64))
			}},
	}
	compareRef(t, 42, []gips.BufferType{gips.UInt8, gips.Int16, gips.UInt16, gips.Real64}, modes, 0.25, hessianRef, cases)
}

func TestHessianErrors(t *testing.T) {
	mc, _ := gips.CreateImage(gips.GeometryMultiChannel2d(gips.UInt8, 4, 3, 2))
	if _, err := HessianEigenvalues(mc, 1); !errors.Is(err, gips.ErrShape) || !contains(err, "channel") {
		t.Errorf("multi-channel input: %v", err)
	}
	img, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 4, 3))
	if _, err := HessianEigenvalues(img, -1); !errors.Is(err, ErrParam) || !contains(err, "sigma") {
		t.Errorf("negative sigma: %v", err)
	}
	same, _ := gips.CreateImage(gips.Geometry2d(gips.Real32, 4, 3))
	if err := HessianEigenvaluesInto(same, img, [3]float64{1, 1, 1}); !errors.Is(err, gips.ErrShape) {
		t.Errorf("one-channel destination: %v", err)
	}
	p := DefaultFrangi()
	p.Gamma = 0
	if _, err := Frangi(img, p); !errors.Is(err, ErrParam) || !contains(err, "gamma") {
		t.Errorf("gamma 0: %v", err)
	}
	p = DefaultFrangi()
	p.Sigmas = nil
	if _, err := Frangi(img, p); !errors.Is(err, ErrParam) || !contains(err, "sigmas") {
		t.Errorf("no sigmas: %v", err)
	}
	p.Sigmas = []float64{1, -2}
	if _, err := Frangi(img, p); !errors.Is(err, ErrParam) || !contains(err, "sigmas") {
		t.Errorf("negative sigma: %v", err)
	}
}
