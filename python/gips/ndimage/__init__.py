"""scipy.ndimage's API on gips kernels: ``import gips.ndimage as ndi`` in
place of ``from scipy import ndimage as ndi``.

The functions have scipy.ndimage's names, signatures, defaults and
semantics (scipy 1.10): numpy axis order for every per-axis argument,
scipy's output dtypes (the input's unless ``output`` names another or is an
array to write into), its per-pass truncation of integer outputs in the
separable filters, ``origin``, ``mode``/``cval``, ``structure``,
``iterations``, ``border_value``, ``sampling``, ``return_indices``. They take
and return numpy arrays.

Complex inputs of the linear filters and transforms (Gaussians, uniform,
Laplace, Sobel, Prewitt, shift, zoom, rotate, affine) run as scipy runs
them: the real and imaginary parts separately, here each through gips.
What gips cannot serve exactly (complex inputs elsewhere, Python callbacks,
a non-flat structuring element on a float32, bool or (with fractional
values) integer input, an origin gips' kernel cannot express, 4-D arrays, a
scipy function gips has no kernel for, ...) raises
NotImplementedError (gips.ndimage.Unsupported) naming the argument; where
scipy itself refuses an argument (a complex input to a rank filter, ...)
gips.ndimage raises scipy's error.
``gips.ndimage.fallback(True)`` hands exactly those calls to scipy.ndimage
instead; it is off by default, so that nobody believes gips ran when it did
not.

Deliberate differences (see python/tests/ndimage_suite/differences.txt):
- uniform_filter with an integer output truncates the exact mean; scipy's
  running float sum can land just below an integer and truncate one lower.
- distance_transform_edt on an input without any background element raises
  NotImplementedError (scipy's result there is undefined); among equally
  near background elements, return_indices may name another one than scipy.
- Float32 results accumulate as gips does (float32 for small integer and
  float32 inputs), within float32 rounding of scipy's float64 passes;
  float64 results and integer results (truncated pass by pass) are computed
  in float64 as scipy does, but the order of the sums may differ, so a
  truncated value can land one apart where scipy's sum is within an ulp
  of an integer.
- variance is gips' per-label standard deviation squared: within an ulp or
  two of scipy's, not always bit-equal.
- median (and minimum, maximum) of a label without pixels is 0 (scipy's
  median there reads whatever its sort left, an unspecified value).
- A bool input to filters runs as uint8; scipy.ndimage itself is needed
  only by the fallback.
- mode='reflect' reflects as far as a footprint reaches. Where a footprint
  (grey morphology, minimum/maximum/rank/median filters) reaches exactly 4,
  6, ... times an axis' length before its start, scipy's offset table maps
  the distance to the element before the array and reads memory outside it
  (a view's parent, a neighbouring row).
"""

from ._support import fallback, Unsupported, not_served as _not_served
from ._filters import *  # noqa: F401,F403
from ._filters import __all__ as _f_all
from ._morphology import *  # noqa: F401,F403
from ._morphology import __all__ as _m_all
from ._measurements import *  # noqa: F401,F403
from ._measurements import __all__ as _meas_all
from ._interpolation import *  # noqa: F401,F403
from ._interpolation import __all__ as _i_all

#: The scipy.ndimage functions that gips serves.
served = sorted(_f_all + _m_all + _meas_all + _i_all)

# scipy.ndimage's other public functions (scipy 1.10) exist too, so that code
# written for scipy runs: they raise NotImplementedError, or with the
# fallback on call scipy's (scipy is imported only then).
not_served = ["convolve", "convolve1d", "correlate", "correlate1d", "distance_transform_cdt",
              "extrema", "fourier_ellipsoid", "fourier_gaussian", "fourier_shift",
              "fourier_uniform", "generic_filter", "generic_filter1d", "generic_gradient_magnitude",
              "generic_laplace", "geometric_transform", "histogram", "labeled_comprehension",
              "maximum_position", "minimum_position", "spline_filter",
              "spline_filter1d", "value_indices", "watershed_ift"]
for _name in not_served:
    globals()[_name] = _not_served(_name)
del _name

__all__ = ["fallback", "Unsupported", "served", "not_served"] + served + not_served
