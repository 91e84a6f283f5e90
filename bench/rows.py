"""The rows of the benchmark: what each library is asked to compute, and how close
their answers must be.

A row is one operation on the 2D uint8 and/or the 3D uint16 input. Its peers are
the calls a numpy / scipy.ndimage / scikit-image / OpenCV user would write for the
same result, with parameters chosen so that every library computes the same thing
(border modes, output types, rounding: see each row's note). The gips side is the
GIPS table at the end: one line per row, so wiring a newly landed op is one edit.

Every callable takes the inputs (inputs.Data) and returns the result, unwrapped to
an array or a scalar; the unwrapping is inside the timed call but costs nothing.
"""

from dataclasses import dataclass
from typing import Callable, Optional

import cv2
import numpy as np
import scipy.ndimage as ndi
from skimage.filters import threshold_otsu
from skimage.measure import label as sk_label

# scipy's mode "reflect" (d c b a | a b c d) is OpenCV's BORDER_REFLECT;
# OpenCV's default BORDER_REFLECT_101 is scipy's "mirror". We use "reflect" everywhere.
MODE = "reflect"
CV_BORDER = cv2.BORDER_REFLECT
SIGMA = 2.0
TRUNCATE = 4.0  # scipy's default: radius = int(4 * sigma + 0.5) = 8, kernel 17
KSIZE = 2 * int(TRUNCATE * SIGMA + 0.5) + 1


@dataclass
class Impl:
    """One library's way to compute a row."""

    lib: str  # "gips", "numpy", "scipy", "skimage", "opencv"
    fn: Callable  # fn(data) -> result
    composed: bool = False  # a 3D result built from 2D calls plus a pass along z
    variant: str = ""  # e.g. "2 threads": shown in the notes, not in the lib's column


@dataclass
class Row:
    key: str  # what --ops selects
    title: str
    dims: tuple  # which inputs it runs on: (2, 3) or one of them
    peers: Callable  # peers(data) -> [Impl]
    check: "Check"
    note: str = ""
    moved: Optional[Callable] = None  # moved(data) -> bytes read + written (pointwise rows)
    # Whether the row also runs on the smaller 2D inputs (1024², 256²: in
    # cache, call overhead); None: the pointwise rows (those with moved) do.
    allsizes: Optional[bool] = None

    @property
    def sized(self):
        return self.moved is not None if self.allsizes is None else self.allsizes


# ---- agreement checks ----------------------------------------------------------


class Check:
    """Compares a result with the reference (the first peer that ran); callable as
    check(ref, got) -> (ok, detail). desc is the stated tolerance."""

    desc = "exact"

    def __call__(self, ref, got):
        raise NotImplementedError


def max_abs_diff(a, b):
    """max |a - b| in float64, a block of planes at a time to bound the temporaries."""
    if a.shape != b.shape:
        return None
    if a.size == 0:
        return 0.0
    a2 = a.reshape(a.shape[0], -1) if a.ndim > 1 else a.reshape(1, -1)
    b2 = b.reshape(a2.shape)
    step = max(1, (1 << 22) // max(1, a2.shape[1]))
    worst = 0.0
    for i in range(0, a2.shape[0], step):
        d = np.abs(a2[i : i + step].astype(np.float64) - b2[i : i + step].astype(np.float64))
        worst = max(worst, float(d.max()))
    return worst


class Close(Check):
    """max |ref - got| <= atol + rtol * max |ref|."""

    def __init__(self, atol, why="", rtol=0.0):
        self.atol, self.rtol = atol, rtol
        self.desc = "exact" if atol == 0 and rtol == 0 else f"max abs diff <= {atol:g}"
        if rtol:
            self.desc += f" + {rtol:g} x max value"
        if why:
            self.desc += f" ({why})"

    def __call__(self, ref, got):
        ref, got = np.asarray(ref), np.asarray(got)
        if ref.shape != got.shape:
            return False, f"shape {got.shape} != {ref.shape}"
        d = max_abs_diff(ref, got)
        tol = self.atol + (self.rtol * float(np.abs(ref).max()) if self.rtol and ref.size else 0.0)
        return d <= tol, f"max abs diff {d:g}"


class PerAxis(Close):
    """Integer outputs of separable filters: one rounding (or truncation) per 1D pass."""

    def __init__(self, why):
        super().__init__(0, why)
        self.desc = f"max abs diff <= 1 per axis ({why})"

    def __call__(self, ref, got):
        self.atol = np.asarray(ref).ndim
        return Close.__call__(self, ref, got)


class Scalar(Check):
    def __init__(self, atol, why=""):
        self.atol = atol
        self.desc = f"|diff| <= {atol:g}" + (f" ({why})" if why else "")

    def __call__(self, ref, got):
        d = abs(float(ref) - float(got))
        return d <= self.atol, f"{float(got):g} vs {float(ref):g}"


class SamePartition(Check):
    """Labels may be numbered differently: the foreground must be equal and the map
    from reference labels to result labels a bijection."""

    desc = "same components (numbering may differ)"

    def __call__(self, ref, got):
        r, g = np.asarray(ref).ravel(), np.asarray(got).ravel()
        if r.shape != g.shape:
            return False, f"shape {np.shape(got)} != {np.shape(ref)}"
        if not np.array_equal(r != 0, g != 0):
            return False, "foreground differs"
        nr, ng = int(r.max()), int(g.max())
        m = np.zeros(nr + 1, np.int64)
        m[r] = g
        if not np.array_equal(m[r], g):
            return False, "a component is split"
        used = np.unique(m[1:])
        if used.size != nr or nr != ng:
            return False, f"{ng} labels vs {nr}"
        same = np.array_equal(m[1:], np.arange(1, nr + 1))
        return True, f"{nr} components" + (", same numbering" if same else ", renumbered")


# ---- helpers for the peers -------------------------------------------------------


def flat2d(v):
    """A 3D C-contiguous array as a 2D (z*y, x) view: OpenCV's pointwise ops see
    the same pixels without a copy."""
    return v.reshape(-1, v.shape[-1]) if v.ndim == 3 else v


def cv_planes(v, f, shape=None, dtype=None):
    """Apply f(src_plane, dst_plane) to every z-plane: OpenCV's 2D op on a volume."""
    out = np.empty(shape or v.shape, dtype or v.dtype)
    for z in range(v.shape[0]):
        f(v[z], out[z])
    return out


def cv_along_z(v, f):
    """Run f on the (z, y*x) view, i.e. a 1D pass along z with a column kernel."""
    m = v.reshape(v.shape[0], -1)
    r = f(m)
    return r.reshape((r.shape[0],) + v.shape[1:])


def cv_separable(v, f2d, fz):
    """2D: f2d on the image. 3D: f2d on each plane, then fz along z (composed)."""
    if v.ndim == 2:
        return f2d(v, None)
    return cv_along_z(cv_planes(v, f2d), fz)


def sat_add(a, b):
    """Saturating a + b in a's own type: a + min(b, MAX - a). Three passes, no wider
    temporary (np.clip on a uint16/int32 copy is the other correct way, and slower)."""
    top = np.array(np.iinfo(a.dtype).max, a.dtype)
    out = np.subtract(top, a)
    np.minimum(out, b, out=out)
    out += a
    return out


def sat_add_const(a, c):
    out = np.minimum(a, np.iinfo(a.dtype).max - c).astype(a.dtype, copy=False)
    out += a.dtype.type(c)
    return out


def cv_gauss(v, out_dtype):
    """OpenCV Gaussian with scipy's kernel (17 taps for sigma 2) and border."""
    if out_dtype != v.dtype:
        v = v.astype(out_dtype)
    f2 = lambda s, o: cv2.GaussianBlur(s, (KSIZE, KSIZE), SIGMA, dst=o, borderType=CV_BORDER)
    # along z: a 1 x KSIZE Gaussian on the (z, y*x) view (faster than sepFilter2D for uint16)
    fz = lambda m: cv2.GaussianBlur(m, (1, KSIZE), 0, sigmaY=SIGMA, borderType=CV_BORDER)
    return cv_separable(v, f2, fz)


def cv_mean(v, n):
    f2 = lambda s, o: cv2.blur(s, (n, n), dst=o, borderType=CV_BORDER)
    fz = lambda m: cv2.blur(m, (1, n), borderType=CV_BORDER)
    return cv_separable(v, f2, fz)


def cv_morph(v, op, n):
    # An all-ones kernel is OpenCV's rectangular (separable) fast path; its default
    # border ignores outside pixels, which for min/max equals scipy's "reflect".
    f2 = lambda s, o: op(s, np.ones((n, n), np.uint8), dst=o)
    fz = lambda m: op(m, np.ones((n, 1), np.uint8))
    return cv_separable(v, f2, fz)


def cv_zoom_half(v):
    f2 = lambda s, o: cv2.resize(s, (o.shape[1], o.shape[0]), dst=o, interpolation=cv2.INTER_LINEAR)
    if v.ndim == 2:
        h, w = v.shape
        return cv2.resize(v, (w // 2, h // 2), interpolation=cv2.INTER_LINEAR)
    z, h, w = v.shape
    planes = cv_planes(v, f2, (z, h // 2, w // 2))
    fz = lambda m: cv2.resize(m, (m.shape[1], z // 2), interpolation=cv2.INTER_LINEAR)
    return cv_along_z(planes, fz)


# ---- the rows ----------------------------------------------------------------------

R = []


def row(key, title, dims=(2, 3), check=None, note="", moved=None, allsizes=None):
    def wrap(peers):
        R.append(Row(key, title, dims, peers, check or Close(0), note, moved, allsizes))
        return peers

    return wrap


@row("add", "add image + image (saturating)", moved=lambda d: 3 * d.grey.nbytes,
     note="numpy: a + min(b, MAX - a) in the input type; OpenCV: cv2.add")
def _(d):
    return [
        Impl("numpy", lambda d: sat_add(d.grey, d.grey2)),
        Impl("opencv", lambda d: cv2.add(flat2d(d.grey), flat2d(d.grey2)).reshape(d.grey.shape)),
    ]


@row("add_const", "add constant (saturating; 50 / 5000)", moved=lambda d: 2 * d.grey.nbytes,
     note="numpy: min(a, MAX - c) + c; OpenCV: cv2.add with a scalar")
def _(d):
    return [
        Impl("numpy", lambda d: sat_add_const(d.grey, d.const)),
        Impl("opencv", lambda d: cv2.add(flat2d(d.grey), d.const).reshape(d.grey.shape)),
    ]


@row(
    "threshold",
    "threshold to binary (v > Otsu)",
    moved=lambda d: d.grey.nbytes + d.grey.size,
    note="gips: threshold(min=otsu+1, max=MAX); OpenCV: THRESH_BINARY to 0/1",
)
def _(d):
    return [
        Impl("numpy", lambda d: d.grey > d.otsu),
        Impl(
            "opencv",
            lambda d: cv2.threshold(flat2d(d.grey), d.otsu, 1, cv2.THRESH_BINARY)[1].reshape(d.grey.shape),
        ),
    ]


def _sat_sub(a, b):
    return np.where(a > b, a - b, 0).astype(a.dtype)


@row("subtract", "subtract image - image (saturating)", moved=lambda d: 3 * d.grey.nbytes)
def _(d):
    return [
        Impl("numpy", lambda d: _sat_sub(d.grey, d.grey2)),
        Impl("opencv", lambda d: cv2.subtract(flat2d(d.grey), flat2d(d.grey2)).reshape(d.grey.shape)),
    ]


@row("absdiff", "absolute difference |a - b|", moved=lambda d: 3 * d.grey.nbytes)
def _(d):
    return [
        Impl("numpy", lambda d: np.maximum(d.grey, d.grey2) - np.minimum(d.grey, d.grey2)),
        Impl("opencv", lambda d: cv2.absdiff(flat2d(d.grey), flat2d(d.grey2)).reshape(d.grey.shape)),
    ]


@row("minimum", "pixelwise minimum of two images", moved=lambda d: 3 * d.grey.nbytes)
def _(d):
    return [
        Impl("numpy", lambda d: np.minimum(d.grey, d.grey2)),
        Impl("opencv", lambda d: cv2.min(flat2d(d.grey), flat2d(d.grey2)).reshape(d.grey.shape)),
    ]


@row("and", "logical and of two masks", moved=lambda d: 3 * d.binary.size)
def _(d):
    return [
        Impl("numpy", lambda d: np.logical_and(d.binary, d.binary[::-1])),
        Impl("opencv", lambda d: cv2.bitwise_and(flat2d(d.binary_u8), flat2d(np.ascontiguousarray(d.binary_u8[::-1]))).reshape(d.binary.shape)),
    ]


@row("sum", "sum of all pixels", check=Scalar(0, "exact integer sum"), moved=lambda d: d.grey.nbytes)
def _(d):
    return [Impl("numpy", lambda d: d.grey.sum(dtype=np.int64))]


@row("max", "largest pixel", check=Scalar(0), moved=lambda d: d.grey.nbytes)
def _(d):
    return [Impl("numpy", lambda d: d.grey.max()), Impl("opencv", lambda d: cv2.minMaxLoc(flat2d(d.grey))[1])]


@row("mean", "mean of all pixels", check=Scalar(1e-6), moved=lambda d: d.grey.nbytes)
def _(d):
    return [Impl("numpy", lambda d: d.grey.mean()), Impl("opencv", lambda d: cv2.mean(flat2d(d.grey))[0])]


@row("std", "standard deviation of all pixels", check=Scalar(1e-6), moved=lambda d: d.grey.nbytes)
def _(d):
    return [Impl("numpy", lambda d: d.grey.std())]


@row(
    "gaussian_f32",
    "Gaussian sigma 2, float32 output",
    check=Close(1e-3, "float32 sums", rtol=1e-6),
    note="mode reflect = OpenCV BORDER_REFLECT, truncate 4 (17 taps); OpenCV converts to float32 first",
)
def _(d):
    return [
        Impl("scipy", lambda d: ndi.gaussian_filter(d.grey, SIGMA, output=np.float32, mode=MODE, truncate=TRUNCATE)),
        Impl("opencv", lambda d: cv_gauss(d.grey, np.float32), composed=d.ndim == 3),
    ]


@row(
    "gaussian_same",
    "Gaussian sigma 2, same-type output",
    check=PerAxis("scipy truncates after each 1D pass, OpenCV rounds"),
    note="integer output: scipy truncates after each axis, OpenCV rounds",
)
def _(d):
    return [
        Impl("scipy", lambda d: ndi.gaussian_filter(d.grey, SIGMA, mode=MODE, truncate=TRUNCATE)),
        Impl("opencv", lambda d: cv_gauss(d.grey, d.grey.dtype), composed=d.ndim == 3),
    ]


@row("mean5", "mean 5x5 / 5x5x5 (same type)", check=PerAxis("truncation vs rounding per pass"))
def _(d):
    return [
        Impl("scipy", lambda d: ndi.uniform_filter(d.grey, 5, mode=MODE)),
        Impl("opencv", lambda d: cv_mean(d.grey, 5), composed=d.ndim == 3),
    ]


@row("median3", "median 3x3 / 3x3x3", note="radius 1: reflect = nearest = OpenCV's replicate border")
def _(d):
    peers = [Impl("scipy", lambda d: ndi.median_filter(d.grey, 3, mode=MODE))]
    if d.ndim == 2:  # OpenCV's median is 2D only and not separable: no 3D composition
        peers.append(Impl("opencv", lambda d: cv2.medianBlur(d.grey, 3)))
    return peers


def _morph_row(key, title, scipy_fn, cv_fn, sizes):
    @row(key, title, note="flat square/cube; every border mode gives the same min/max")
    def _(d):
        n = sizes[d.ndim]
        return [
            Impl("scipy", lambda d: scipy_fn(d.grey, size=(n,) * d.ndim)),
            Impl("opencv", lambda d: cv_morph(d.grey, cv_fn, n), composed=d.ndim == 3),
        ]


_morph_row("erode3", "grey erosion 3", ndi.grey_erosion, cv2.erode, {2: 3, 3: 3})
_morph_row("dilate3", "grey dilation 3", ndi.grey_dilation, cv2.dilate, {2: 3, 3: 3})
_morph_row("erode15", "grey erosion 15 (7 in 3D)", ndi.grey_erosion, cv2.erode, {2: 15, 3: 7})
_morph_row("dilate15", "grey dilation 15 (7 in 3D)", ndi.grey_dilation, cv2.dilate, {2: 15, 3: 7})


@row(
    "binary_erode3",
    "binary erosion 3 (square / cube)",
    note="outside pixels ignored: scipy border_value=1 (= skimage.morphology.binary_erosion), OpenCV default",
)
def _(d):
    cube = np.ones((3,) * d.ndim, bool)
    return [
        Impl("scipy", lambda d: ndi.binary_erosion(d.binary, cube, border_value=1)),
        Impl("opencv", lambda d: cv_morph(d.binary_u8, cv2.erode, 3), composed=d.ndim == 3),
    ]


@row(
    "otsu",
    "Otsu threshold value",
    check=Scalar(1, "grey levels"),
    allsizes=True,
    note="one bin per integer value (skimage's rule for integer images)",
)
def _(d):
    return [
        Impl("skimage", lambda d: threshold_otsu(d.grey)),
        Impl("opencv", lambda d: cv2.threshold(flat2d(d.grey), 0, 1, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[0]),
    ]


@row("label", "connected components (8 / 26-connected)", check=SamePartition())
def _(d):
    full = np.ones((3,) * d.ndim, bool)
    peers = [
        Impl("scipy", lambda d: ndi.label(d.binary, full)[0]),
        Impl("skimage", lambda d: sk_label(d.binary, connectivity=d.ndim)),
    ]
    if d.ndim == 2:  # a 3D labelling cannot be composed from 2D ones by a pass along z
        peers.append(Impl("opencv", lambda d: cv2.connectedComponents(d.binary_u8, connectivity=8, ltype=cv2.CV_32S)[1]))
    return peers


@row(
    "edt",
    "Euclidean distance transform",
    check=Close(1e-3, "float32 vs float64"),
    note="distance to the nearest 0; outside the image is not background",
)
def _(d):
    peers = [Impl("scipy", lambda d: ndi.distance_transform_edt(d.binary))]
    if d.ndim == 2:
        peers.append(Impl("opencv", lambda d: cv2.distanceTransform(d.binary_u8, cv2.DIST_L2, cv2.DIST_MASK_PRECISE)))
    return peers


@row("histogram", "histogram (256 / 65536 bins)", moved=lambda d: d.grey.nbytes)
def _(d):
    n = d.maxval + 1
    return [
        Impl("numpy", lambda d: np.bincount(d.grey.ravel(), minlength=n)),
        Impl("opencv", lambda d: cv2.calcHist([flat2d(d.grey)], [0], None, [n], [0, n]).ravel()),
    ]


@row(
    "zoom_half",
    "zoom 0.5, linear",
    check=PerAxis("rounding of integer output"),
    note="pixel-centre grid (scipy grid_mode=True, OpenCV's convention): each output is a 2x2(x2) average",
)
def _(d):
    return [
        Impl("scipy", lambda d: ndi.zoom(d.grey, 0.5, order=1, mode="nearest", grid_mode=True)),
        Impl("opencv", lambda d: cv_zoom_half(d.grey), composed=d.ndim == 3),
    ]


def _sobel_mag(v, mode):
    axes = range(v.ndim)
    return np.sqrt(sum(ndi.sobel(v, a, output=np.float32, mode=mode) ** 2 for a in axes)).astype(np.float32)


@row(
    "sobel",
    "Sobel gradient magnitude, float32",
    check=Close(0, "float32 accumulation", rtol=1e-5),
    note="per-axis scipy.ndimage.sobel (smoothing along the other axes), then sqrt of the sum of squares; mirror border (OpenCV's default)",
)
def _(d):
    peers = [Impl("scipy", lambda d: _sobel_mag(d.grey, "mirror"))]
    if d.ndim == 2:
        peers.append(Impl("opencv", lambda d: cv2.magnitude(cv2.Sobel(d.grey, cv2.CV_32F, 1, 0, ksize=3),
                                                            cv2.Sobel(d.grey, cv2.CV_32F, 0, 1, ksize=3))))
    return peers


@row(
    "gradmag",
    "Gaussian gradient magnitude sigma 2, float32",
    check=Close(0, "float32 accumulation", rtol=1e-4),
)
def _(d):
    return [Impl("scipy", lambda d: ndi.gaussian_gradient_magnitude(d.grey, 2.0, output=np.float32, mode=MODE))]


# ---- the physical limit: a plain copy ------------------------------------------------

COPY_BYTES = {False: 1 << 30, True: 64 << 20}  # full / --small


# ---- issue 15: every pointwise and statistics op a peer has, default parameters ----


def _wide(a):
    """The next wider unsigned type of an integer array, for exact products."""
    return a.astype(np.uint16 if a.dtype == np.uint8 else np.uint32)


def _round_sat(x, dtype):
    """float64 -> integer dtype, rounded half away from zero and saturated
    (gips' rule; the values here are >= 0)."""
    info = np.iinfo(dtype)
    return np.clip(np.floor(x + 0.5), info.min, info.max).astype(dtype)


@row("multiply", "multiply image * image (saturating)", moved=lambda d: 3 * d.grey.nbytes,
     note="numpy: exact product in the wider type, clipped; OpenCV: cv2.multiply")
def _(d):
    info = lambda d: np.iinfo(d.grey.dtype).max
    return [
        Impl("numpy", lambda d: np.minimum(_wide(d.grey) * d.grey2, info(d)).astype(d.grey.dtype)),
        Impl("opencv", lambda d: cv2.multiply(flat2d(d.grey), flat2d(d.grey2)).reshape(d.grey.shape)),
    ]


@row("divide", "divide image / image (rounded; x / 0 = 0)", moved=lambda d: 3 * d.grey.nbytes,
     check=Close(1, "1 grey level: OpenCV rounds halves to even, gips and numpy away from zero"),
     note="numpy: floor(a / b + 0.5) in float64, 0 where b = 0; OpenCV: cv2.divide")
def _(d):
    def np_div(d):
        with np.errstate(divide="ignore", invalid="ignore"):
            q = np.floor(d.grey / d.grey2.astype(np.float64) + 0.5)
        return np.where(d.grey2 == 0, 0, q).astype(d.grey.dtype)
    return [
        Impl("numpy", np_div),
        Impl("opencv", lambda d: cv2.divide(flat2d(d.grey), flat2d(d.grey2)).reshape(d.grey.shape)),
    ]


@row("linear", "linear combination 0.5 a + 0.5 b (blend)", moved=lambda d: 3 * d.grey.nbytes,
     check=Close(1, "1 grey level: OpenCV rounds halves to even, gips and numpy away from zero"),
     note="gips: linearCombination(alpha=0.5, beta=0.5); OpenCV: cv2.addWeighted")
def _(d):
    return [
        Impl("numpy", lambda d: _round_sat(0.5 * d.grey + 0.5 * d.grey2.astype(np.float64), d.grey.dtype)),
        Impl("opencv", lambda d: cv2.addWeighted(flat2d(d.grey), 0.5, flat2d(d.grey2), 0.5, 0).reshape(d.grey.shape)),
    ]


@row("multiply_const", "multiply by a constant (1.5, saturating)", moved=lambda d: 2 * d.grey.nbytes,
     check=Close(1, "1 grey level: OpenCV rounds halves to even, gips and numpy away from zero"),
     note="gips: multiplyScalar(1.5); OpenCV: cv2.multiply with a scalar")
def _(d):
    return [
        Impl("numpy", lambda d: _round_sat(d.grey * 1.5, d.grey.dtype)),
        Impl("opencv", lambda d: cv2.multiply(flat2d(d.grey), 1.5).reshape(d.grey.shape)),
    ]


@row("subtract_const", "subtract a constant (saturating; 50 / 5000)", moved=lambda d: 2 * d.grey.nbytes,
     note="numpy: max(a, c) - c; OpenCV: cv2.subtract with a scalar")
def _(d):
    return [
        Impl("numpy", lambda d: np.maximum(d.grey, d.grey.dtype.type(d.const)) - d.grey.dtype.type(d.const)),
        Impl("opencv", lambda d: cv2.subtract(flat2d(d.grey), d.const).reshape(d.grey.shape)),
    ]


@row("maximum", "pixelwise maximum of two images", moved=lambda d: 3 * d.grey.nbytes)
def _(d):
    return [
        Impl("numpy", lambda d: np.maximum(d.grey, d.grey2)),
        Impl("opencv", lambda d: cv2.max(flat2d(d.grey), flat2d(d.grey2)).reshape(d.grey.shape)),
    ]


@row("invert", "invert (MAX - v)", moved=lambda d: 2 * d.grey.nbytes,
     note="numpy: np.invert (bitwise not is MAX - v for unsigned); OpenCV: cv2.bitwise_not")
def _(d):
    return [
        Impl("numpy", lambda d: np.invert(d.grey)),
        Impl("opencv", lambda d: cv2.bitwise_not(flat2d(d.grey)).reshape(d.grey.shape)),
    ]


def _logic_row(key, title, np_fn, cv_fn):
    @row(key, title, moved=lambda d: 3 * d.binary.size)
    def _(d):
        return [
            Impl("numpy", lambda d: np_fn(d.binary, d.binary[::-1])),
            Impl("opencv", lambda d: cv_fn(flat2d(d.binary_u8), flat2d(np.ascontiguousarray(d.binary_u8[::-1])))
                 .reshape(d.binary.shape)),
        ]


_logic_row("or", "logical or of two masks", np.logical_or, cv2.bitwise_or)
_logic_row("xor", "logical xor of two masks", np.logical_xor, cv2.bitwise_xor)


@row("not", "logical not of a mask", moved=lambda d: 2 * d.binary.size,
     note="OpenCV: bitwise_xor with 1 (0/1 masks)")
def _(d):
    return [
        Impl("numpy", lambda d: np.logical_not(d.binary)),
        Impl("opencv", lambda d: cv2.bitwise_xor(flat2d(d.binary_u8), 1).reshape(d.binary.shape)),
    ]


@row("mask", "keep the image where a mask is set, 0 elsewhere", moved=lambda d: 2 * d.grey.nbytes + d.binary.size,
     note="numpy: a * mask; OpenCV: cv2.multiply by the 0/1 mask")
def _(d):
    return [
        Impl("numpy", lambda d: d.grey * d.binary),
        Impl("opencv", lambda d: cv2.multiply(flat2d(d.grey), flat2d(d.binary_u8).astype(d.grey.dtype))
             .reshape(d.grey.shape)),
    ]


@row("light", "threshold light (v >= Otsu)", moved=lambda d: d.grey.nbytes + d.grey.size,
     note="gips: threshold.light(value=otsu); OpenCV: THRESH_BINARY at otsu - 1")
def _(d):
    return [
        Impl("numpy", lambda d: d.grey >= d.otsu),
        Impl("opencv", lambda d: cv2.threshold(flat2d(d.grey), d.otsu - 1, 1, cv2.THRESH_BINARY)[1].reshape(d.grey.shape)),
    ]


@row("otsu_apply", "Otsu threshold applied (v > Otsu), one call", moved=lambda d: 2 * d.grey.nbytes + d.grey.size,
     note="skimage: a > threshold_otsu(a); OpenCV: THRESH_BINARY | THRESH_OTSU (8-bit only in 2D)")
def _(d):
    peers = [Impl("skimage", lambda d: d.grey > threshold_otsu(d.grey))]
    if d.grey.dtype == np.uint8:
        peers.append(Impl("opencv", lambda d: cv2.threshold(d.grey, 0, 1, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]))
    return peers


@row("min", "smallest pixel", check=Scalar(0), moved=lambda d: d.grey.nbytes)
def _(d):
    return [Impl("numpy", lambda d: d.grey.min()), Impl("opencv", lambda d: cv2.minMaxLoc(flat2d(d.grey))[0])]


@row("median_value", "median of all pixels (percentile 50)", check=Scalar(0), moved=lambda d: d.grey.nbytes)
def _(d):
    return [Impl("numpy", lambda d: np.percentile(d.grey, 50))]


@row("to_float", "convert to float32 (values kept)", moved=lambda d: 5 * d.grey.size + d.grey.nbytes,
     note="gips: util.convertImg(output=Real32); numpy: astype; OpenCV has no convertTo in Python: numpy is the peer")
def _(d):
    return [Impl("numpy", lambda d: d.grey.astype(np.float32))]


_TINY = (np.zeros((8, 8), np.uint8), np.zeros((8, 8), np.uint8))
CALLS = 1000


def _calls(f):
    def run(d):
        a, b = _TINY
        for _ in range(CALLS):
            f(a, b)
        return a
    return run


@row("percall", f"per-call overhead: add 8x8 uint8 in place, x{CALLS} (ms = us per call)", dims=(2,),
     allsizes=False, note="a, b zeros (every library's add gives 0); the same call in a loop")
def _(d):
    return [
        Impl("numpy", _calls(lambda a, b: np.add(a, b, out=a))),
        Impl("opencv", _calls(lambda a, b: cv2.add(a, b, dst=a))),
    ]


def copy_peers(nbytes):
    """numpy.copyto of nbytes, by one thread and by two threads on two halves
    (copyto releases the GIL). Reads nbytes and writes nbytes."""
    import threading

    src = np.ones(nbytes, np.uint8)
    dst = np.zeros_like(src)

    def one(_):
        np.copyto(dst, src)
        return None

    def two(_):
        h = nbytes // 2
        t = threading.Thread(target=np.copyto, args=(dst[:h], src[:h]))
        t.start()
        np.copyto(dst[h:], src[h:])
        t.join()
        return None

    return [Impl("numpy", one), Impl("numpy", two, variant="2 threads")]


# ---- gips: one line per row ---------------------------------------------------------
# row key -> (op names to try, in order; how to call the op found). The call gets the
# op's Python function and the inputs. A row without an entry, or whose ops the
# binding does not have, shows "missing". Results are unwrapped by the harness
# (an image's .array, or the scalar).

GIPS = {
    "add": (["arith.add"], lambda op, d: op(d.grey, d.grey2)),
    "add_const": (["arith.addScalar"], lambda op, d: op(d.grey, value=d.const)),
    "subtract": (["arith.subtract"], lambda op, d: op(d.grey, d.grey2)),
    "absdiff": (["arith.absDiff"], lambda op, d: op(d.grey, d.grey2)),
    "minimum": (["arith.min"], lambda op, d: op(d.grey, d.grey2)),
    "and": (["logic.and"], lambda op, d: op(d.binary, d.binary[::-1])),
    "sum": (["stats.sum"], lambda op, d: op(d.grey)),
    "max": (["stats.max"], lambda op, d: op(d.grey)),
    "mean": (["stats.mean"], lambda op, d: op(d.grey)),
    "std": (["stats.std"], lambda op, d: op(d.grey)),
    "threshold": (["threshold.range"], lambda op, d: op(d.grey, min=d.otsu + 1, max=d.maxval)),
    "gaussian_f32": (["filter.gaussian"], lambda op, d: op(d.grey, sigma=SIGMA, mode=MODE)),
    "gaussian_same": (["filter.gaussian"], lambda op, d: op(d.grey, sigma=SIGMA, output="same", mode=MODE)),
    "mean5": (["filter.mean"], lambda op, d: op(d.grey, size=5, mode=MODE)),
    "otsu": (["threshold.otsu"], lambda op, d: op(d.grey)),  # integer images: one bin per value
    "sobel": (["filter.sobel"], lambda op, d: op(d.grey, mode="mirror")),
    "gradmag": (["filter.gaussianGradientMagnitude"], lambda op, d: op(d.grey, sigma=2.0, mode=MODE)),
    "zoom_half": (["transform.zoom"], lambda op, d: op(d.grey, factor=0.5, order=1, mode="nearest", grid_mode=True)),
    "label": (["label.components"], lambda op, d: op(d.binary, connectivity=0)),
    "edt": (["distance.edt"], lambda op, d: op(d.binary)),
    "histogram": (["stats.histogram"], lambda op, d: op(d.grey, nbins=d.maxval + 1, range=d.hist_range)[0]),
    "median3": (["filter.median"], lambda op, d: op(d.grey, size=3, mode=MODE)),
    "erode3": (["morpho.erode"], lambda op, d: op(d.grey, size=3)),
    "dilate3": (["morpho.dilate"], lambda op, d: op(d.grey, size=3)),
    "erode15": (["morpho.erode"], lambda op, d: op(d.grey, size={2: 15, 3: 7}[d.ndim])),
    "dilate15": (["morpho.dilate"], lambda op, d: op(d.grey, size={2: 15, 3: 7}[d.ndim])),
    "multiply": (["arith.multiply"], lambda op, d: op(d.grey, d.grey2)),
    "divide": (["arith.divide"], lambda op, d: op(d.grey, d.grey2)),
    "linear": (["arith.linearCombination"], lambda op, d: op(d.grey, d.grey2, alpha=0.5, beta=0.5)),
    "multiply_const": (["arith.multiplyScalar"], lambda op, d: op(d.grey, value=1.5)),
    "subtract_const": (["arith.subtractScalar"], lambda op, d: op(d.grey, value=d.const)),
    "maximum": (["arith.max"], lambda op, d: op(d.grey, d.grey2)),
    "invert": (["arith.invert"], lambda op, d: op(d.grey)),
    "or": (["logic.or"], lambda op, d: op(d.binary, d.binary[::-1])),
    "xor": (["logic.xor"], lambda op, d: op(d.binary, d.binary[::-1])),
    "not": (["logic.not"], lambda op, d: op(d.binary)),
    "mask": (["logic.mask"], lambda op, d: op(d.grey, d.binary)),
    "light": (["threshold.light"], lambda op, d: op(d.grey, value=d.otsu)),
    "otsu_apply": (["threshold.otsuApply"], lambda op, d: op(d.grey)),
    "min": (["stats.min"], lambda op, d: op(d.grey)),
    "median_value": (["stats.percentiles"], lambda op, d: op(d.grey)[0]),
    "to_float": (["util.convertImg"], lambda op, d: op(d.grey, output="Real32")),
    "percall": (["arith.add"], lambda op, d: _calls(lambda a, b: op(a, b, out=a))(d)),
    "binary_erode3": (["morpho.binaryErode"], lambda op, d: op(d.binary, structure=np.ones((3,) * d.ndim, bool), border_value=1)),
}

# A family's rows may live in their own module, bench/rows_<family>.py: it imports
# row, Impl, the checks and GIPS from this module and adds to them, so that work on
# one family never edits another's lines. They load in name order, after the rows
# above.
import importlib  # noqa: E402
import pathlib  # noqa: E402

for _p in sorted(pathlib.Path(__file__).parent.glob("rows_*.py")):
    importlib.import_module(_p.stem)

ROWS = {r.key: r for r in R}
