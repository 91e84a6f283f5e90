"""Issue 15, "every registered op that a peer has gets a row": the filters,
distance transforms, label tools, reconstruction-based morphology, measures and
thresholds that had no row (colour conversions and the transform family are in
rows_transform.py). Each row asks numpy / scipy.ndimage / scikit-image / OpenCV
for the same result with the parameters a user would pass; where gips
deliberately computes something else (a float32 output, its own colours) the
check says so. Loaded by rows.py.

Inputs beyond rows.py's: labels(d), the 8 / 26-connected components of the
binary image (int32), and tiles(d), the binary image cut into square tiles, one
label per tile (touching labels, with gaps where a tile holds no foreground).
Both are built once per input, outside the timed calls.
"""

import cv2
import numpy as np
import scipy.ndimage as ndi
from skimage.feature import hessian_matrix, hessian_matrix_eigvals
from skimage.filters import apply_hysteresis_threshold, difference_of_gaussians, frangi, scharr, unsharp_mask
from skimage.measure import label as sk_label
from skimage.measure import regionprops_table
from skimage.morphology import h_maxima, h_minima, local_maxima, local_minima, reconstruction, remove_small_objects
from skimage.segmentation import clear_border, mark_boundaries, relabel_sequential
from skimage.segmentation import watershed as sk_watershed

from rows import CV_BORDER, GIPS, MODE, Check, Close, Impl, SamePartition, Scalar, flat2d, row
from rows_segment import flood_input

_cache = {}


def cached(name, d, make):
    """make(d), built once per input (keyed by its shape: --small and full runs differ)."""
    key = (name, d.grey.shape)
    if key not in _cache:
        _cache[key] = make(d)
    return _cache[key]


def labels(d):
    """Connected components of the binary image, full connectivity, int32."""
    return cached("labels", d, lambda d: ndi.label(d.binary, np.ones((3,) * d.ndim, bool))[0].astype(np.int32))


TILE = {2: 64, 3: 32}


def tiles(d):
    """The binary image cut into TILE-pixel square (cubic) tiles: label = tile
    number + 1 on foreground, 0 elsewhere, int32. Labels touch, and tiles without
    foreground leave gaps in the numbering."""

    def make(d):
        t = TILE[d.ndim]
        idx = np.zeros(d.grey.shape, np.int32)
        for a, n in enumerate(d.grey.shape):
            shape = [1] * d.ndim
            shape[a] = n
            idx = idx * ((n + t - 1) // t) + (np.arange(n, dtype=np.int32) // t).reshape(shape)
        return np.where(d.binary, idx + 1, 0).astype(np.int32)

    return cached("tiles", d, make)


def hval(d):
    """The height of the h-maxima / h-minima / reconstruction rows: 1/12 of the
    type's range (21 grey levels in uint8, 5461 in uint16), above the pixel noise."""
    return (d.maxval + 1) // 12


# ---- checks ---------------------------------------------------------------------------


class SameNearestDistance(Check):
    """Feature transforms: where several zero pixels are equally near, libraries
    may pick different ones; the squared distance to the one picked must be equal."""

    desc = "same squared distance to the zero pixel each names (ties may name another)"

    def __call__(self, ref, got):
        ref, got = np.asarray(ref), np.asarray(got)
        if ref.shape != got.shape:
            return False, f"shape {got.shape} != {ref.shape}"
        dr = np.zeros(ref.shape[1:], np.int64)
        dg = np.zeros(ref.shape[1:], np.int64)
        for a, n in enumerate(ref.shape[1:]):
            shape = [1] * (ref.ndim - 1)
            shape[a] = n
            c = np.arange(n, dtype=np.int64).reshape(shape)
            dr += (ref[a] - c) ** 2
            dg += (got[a] - c) ** 2
        bad = int(np.count_nonzero(dr != dg))
        same = int(np.count_nonzero(np.all(ref == got, axis=0)))
        return bad == 0, f"{bad} pixels at another distance; {ref[0].size - same} pick another tied pixel"


class SameOutlines(Check):
    """measure.overlay against skimage's mark_boundaries(mode='inner'): the
    outline pixels (a label pixel whose 4-neighbour in the plane holds another
    label) must be the same; colours and grey scaling differ by design (gips
    colours each label, scales the grey min..max; skimage paints one colour over
    the image / its type's maximum)."""

    desc = "same outline pixels (colours and grey scaling differ by design)"

    def __call__(self, ref, got):
        ref, got = np.asarray(ref), np.moveaxis(np.asarray(got), 0, -1)  # gips' RGB is (3, y, x)
        if ref.shape != got.shape:
            return False, f"shape {got.shape} != {ref.shape}"
        r = ~((ref[..., 0] == ref[..., 1]) & (ref[..., 1] == ref[..., 2]))  # skimage: yellow on grey
        g = ~((got[..., 0] == got[..., 1]) & (got[..., 1] == got[..., 2]))  # gips: saturated colours
        bad = int(np.count_nonzero(r != g))
        return bad == 0, f"{int(r.sum())} outline pixels, {bad} differ"


# ---- arithmetic, thresholds, statistics -------------------------------------------


@row("divide_const", "divide by a constant (3, rounded)", moved=lambda d: 2 * d.grey.nbytes,
     note="gips: divideScalar(3); numpy: floor(a / 3 + 0.5); OpenCV: cv2.divide with a scalar (no ties at 1/3)")
def _(d):
    return [
        Impl("numpy", lambda d: np.floor(d.grey / 3.0 + 0.5).astype(d.grey.dtype)),
        Impl("opencv", lambda d: cv2.divide(flat2d(d.grey), 3.0).reshape(d.grey.shape)),
    ]


@row("dark", "threshold dark (v <= Otsu)", moved=lambda d: d.grey.nbytes + d.grey.size,
     note="gips: threshold.dark(value=otsu); OpenCV: THRESH_BINARY_INV at otsu")
def _(d):
    return [
        Impl("numpy", lambda d: d.grey <= d.otsu),
        Impl("opencv", lambda d: cv2.threshold(flat2d(d.grey), d.otsu, 1, cv2.THRESH_BINARY_INV)[1].reshape(d.grey.shape)),
    ]


def _hyst(d):
    return d.otsu, d.otsu + (d.maxval + 1) // 6


@row("hysteresis", "hysteresis threshold (low Otsu, high Otsu + 1/6 range)",
     note="skimage apply_hysteresis_threshold, face connectivity (its default)")
def _(d):
    return [Impl("skimage", lambda d: apply_hysteresis_threshold(d.grey, *_hyst(d)))]


def _np_measure(v):
    return np.array([v.size, v.min(), v.max(), v.sum(dtype=np.int64), v.mean(), v.std()], np.float64)


@row("measure", "count, min, max, sum, mean, std in one call", moved=lambda d: d.grey.nbytes,
     check=Close(1e-6, "float64 sums in another order"),
     note="numpy: the six calls (six passes); gips: stats.measure (one)")
def _(d):
    return [Impl("numpy", lambda d: _np_measure(d.grey))]


# ---- filters -------------------------------------------------------------------------

_F32 = Close(1e-3, "float32 accumulation", rtol=1e-5)


@row("laplace", "Laplace filter, float32", check=Close(0),
     note="integer sums, exact in float32; OpenCV: Laplacian ksize 1 (the same 5-point kernel), reflect border")
def _(d):
    peers = [Impl("scipy", lambda d: ndi.laplace(d.grey, output=np.float32, mode=MODE))]
    if d.ndim == 2:
        peers.append(Impl("opencv", lambda d: cv2.Laplacian(d.grey, cv2.CV_32F, ksize=1, borderType=CV_BORDER)))
    return peers


@row("gaussian_laplace", "Laplacian of Gaussian sigma 2, float32", check=_F32)
def _(d):
    return [Impl("scipy", lambda d: ndi.gaussian_laplace(d.grey, 2.0, output=np.float32, mode=MODE))]


def _dx_order(nd):
    return (0,) * (nd - 1) + (1,)


@row("gaussian_dx", "Gaussian derivative along x, sigma 2, float32", check=_F32,
     note="scipy gaussian_filter(order=(0, .., 1)): first derivative along numpy's last axis")
def _(d):
    return [Impl("scipy", lambda d: ndi.gaussian_filter(d.grey, 2.0, order=_dx_order(d.ndim), output=np.float32, mode=MODE))]


def _cv_dog(v):
    f = v.astype(np.float32)
    k = lambda s: 2 * int(4 * s + 0.5) + 1
    return cv2.GaussianBlur(f, (k(1.0), k(1.0)), 1.0, borderType=CV_BORDER) - \
        cv2.GaussianBlur(f, (k(1.6), k(1.6)), 1.6, borderType=CV_BORDER)


@row("dog", "difference of Gaussians sigma 1 - 1.6, float32", check=Close(2e-3, "float32 sums of values up to 65535", rtol=1e-4),
     note="skimage difference_of_gaussians(1.0) on the image as float (it scales integer images to [0, 1]), "
          "mode reflect; OpenCV: two GaussianBlur of scipy's kernel sizes")
def _(d):
    peers = [
        Impl("scipy", lambda d: ndi.gaussian_filter(d.grey, 1.0, output=np.float32, mode=MODE)
             - ndi.gaussian_filter(d.grey, 1.6, output=np.float32, mode=MODE)),
        Impl("skimage", lambda d: difference_of_gaussians(d.grey.astype(np.float32), 1.0, mode=MODE)),
    ]
    if d.ndim == 2:
        peers.append(Impl("opencv", lambda d: _cv_dog(d.grey)))
    return peers


@row("unsharp", "unsharp mask radius 1, amount 1, float32", check=Close(1e-3, "float32 vs float64", rtol=1e-5),
     note="skimage unsharp_mask(preserve_range=True): float64, not clipped")
def _(d):
    return [Impl("skimage", lambda d: unsharp_mask(d.grey, radius=1.0, amount=1.0, preserve_range=True))]


def _local_var(v, n):
    f = v.astype(np.float64)
    m = ndi.uniform_filter(f, n, mode=MODE)
    m2 = ndi.uniform_filter(f * f, n, mode=MODE)
    return np.maximum(m2 - m * m, 0)


def _cv_local_var(v, n):
    m = cv2.boxFilter(v, cv2.CV_64F, (n, n), borderType=CV_BORDER)
    m2 = cv2.sqrBoxFilter(v, cv2.CV_64F, (n, n), borderType=CV_BORDER)
    return np.maximum(m2 - m * m, 0)


@row("local_var", "local variance 3x3 / 3x3x3, float32", check=Close(1e-3, "float32 output", rtol=1e-6),
     note="scipy: uniform_filter(v^2) - uniform_filter(v)^2 in float64; OpenCV: sqrBoxFilter - boxFilter^2")
def _(d):
    peers = [Impl("scipy", lambda d: _local_var(d.grey, 3))]
    if d.ndim == 2:
        peers.append(Impl("opencv", lambda d: _cv_local_var(d.grey, 3)))
    return peers


@row("local_std", "local standard deviation 3x3 / 3x3x3, float32", check=Close(1e-3, "float32 output", rtol=1e-6),
     note="sqrt of local_var's peers")
def _(d):
    peers = [Impl("scipy", lambda d: np.sqrt(_local_var(d.grey, 3)))]
    if d.ndim == 2:
        peers.append(Impl("opencv", lambda d: np.sqrt(_cv_local_var(d.grey, 3))))
    return peers


def _grad_mag(v, f, mode):
    return np.sqrt(sum(f(v, a, output=np.float32, mode=mode) ** 2 for a in range(v.ndim))).astype(np.float32)


@row("prewitt", "Prewitt gradient magnitude, float32", check=Close(0, "float32 accumulation", rtol=1e-5),
     note="per-axis scipy.ndimage.prewitt, then sqrt of the sum of squares (scipy's generic_gradient_magnitude)")
def _(d):
    return [Impl("scipy", lambda d: _grad_mag(d.grey, ndi.prewitt, MODE))]


def _cv_scharr(v):
    dx = cv2.Scharr(v, cv2.CV_32F, 1, 0, scale=1 / 16, borderType=CV_BORDER)
    dy = cv2.Scharr(v, cv2.CV_32F, 0, 1, scale=1 / 16, borderType=CV_BORDER)
    return cv2.magnitude(dx, dy) * np.float32(1 / np.sqrt(2))


@row("scharr", "Scharr gradient magnitude (skimage's scale), float32", check=Close(1e-4, "float32 vs float64", rtol=1e-5),
     note="gips: scharr(normalize=True); skimage scharr on the image as float (it scales integer images to [0, 1]); "
          "OpenCV: Scharr dx, dy scaled 1/16, magnitude / sqrt(2)")
def _(d):
    peers = [Impl("skimage", lambda d: scharr(d.grey.astype(np.float32), mode=MODE))]
    if d.ndim == 2:
        peers.append(Impl("opencv", lambda d: _cv_scharr(d.grey)))
    return peers


@row("percentile25", "percentile 25 filter 3x3 / 3x3x3", note="scipy percentile_filter (rank int(n p / 100))")
def _(d):
    return [Impl("scipy", lambda d: ndi.percentile_filter(d.grey, 25, size=3, mode=MODE))]


@row("bilateral", "bilateral filter sigma_spatial 2, sigma_range 25 (radius 3)", dims=(2,),
     check=Close(1, "OpenCV sums in float32"),
     note="gips output same, mode mirror (OpenCV's border); OpenCV: bilateralFilter(d=7); 2D only (no 3D peer)")
def _(d):
    return [Impl("opencv", lambda d: cv2.bilateralFilter(d.grey, 7, 25, 2))]


def _hessian_eig(v):
    return hessian_matrix_eigvals(hessian_matrix(v.astype(np.float64), sigma=1.0, mode=MODE, order="rc"))


@row("hessian_eig", "Hessian eigenvalues sigma 1, float32", dims=(2,), check=Close(1e-4, "float32 output", rtol=1e-5),
     note="skimage hessian_matrix + hessian_matrix_eigvals on the image as float64, mode reflect; "
          "2D only: skimage's 3D eigenvalues of the 3D input need ~10 GB")
def _(d):
    return [Impl("skimage", lambda d: _hessian_eig(d.grey))]


@row("frangi", "Frangi vesselness, skimage defaults, float32", dims=(2,), check=Close(1e-5, "float32 output", rtol=1e-4),
     note="skimage frangi (sigmas 1, 3, .., 9, black ridges); 2D only: skimage's 3D Hessians of the 3D input need ~10 GB")
def _(d):
    return [Impl("skimage", lambda d: frangi(d.grey))]


# ---- distance ----------------------------------------------------------------------


@row("signed_edt", "signed Euclidean distance, float32", check=Close(1e-3, "float32 vs float64", rtol=1e-6),
     note="scipy: edt(b) - edt(~b) (outside the image is neither)")
def _(d):
    return [Impl("scipy", lambda d: ndi.distance_transform_edt(d.binary) - ndi.distance_transform_edt(~d.binary))]


@row("feature_transform", "feature transform (indices of the nearest 0)", dims=(2,), check=SameNearestDistance(),
     note="scipy distance_transform_edt(return_distances=False, return_indices=True); 2D only (scipy's 3D EDT ~20 s)")
def _(d):
    return [Impl("scipy", lambda d: ndi.distance_transform_edt(d.binary, return_distances=False, return_indices=True))]


def _label_edt(lab):
    """The multi-label EDT as a scipy user writes it: for each label, the EDT of
    (crop == label) over its bounding box grown by one pixel (that ring holds no
    pixel of the label, so the nearest other pixel is inside)."""
    out = np.zeros(lab.shape, np.float64)
    for i, sl in enumerate(ndi.find_objects(lab), 1):
        if sl is None:
            continue
        g = tuple(slice(max(s.start - 1, 0), min(s.stop + 1, n)) for s, n in zip(sl, lab.shape))
        m = lab[g] == i
        o = out[g]
        o[m] = ndi.distance_transform_edt(m)[m]
    return out


@row("label_edt", "multi-label EDT (distance to another label or 0), float32",
     check=Close(1e-3, "float32 vs float64", rtol=1e-6),
     note=f"labels: the blobs cut into {TILE[2]}-pixel ({TILE[3]}-voxel) tiles; scipy: EDT of each label over its "
          "bounding box grown by one pixel")
def _(d):
    return [Impl("scipy", lambda d: _label_edt(tiles(d)))]


# ---- labels ----------------------------------------------------------------------------


@row("label_count", "number of components (8 / 26-connected)", check=Scalar(0))
def _(d):
    full = np.ones((3,) * d.ndim, bool)
    peers = [
        Impl("scipy", lambda d: ndi.label(d.binary, full)[1]),
        Impl("skimage", lambda d: sk_label(d.binary, connectivity=d.ndim, return_num=True)[1]),
    ]
    if d.ndim == 2:
        peers.append(Impl("opencv", lambda d: cv2.connectedComponents(d.binary_u8, connectivity=8, ltype=cv2.CV_32S)[0] - 1))
    return peers


@row("label_sizes", "pixels per label", note="numpy bincount of the components' labels")
def _(d):
    return [Impl("numpy", lambda d: np.bincount(labels(d).ravel()))]


@row("relabel", "relabel sequentially", note=f"labels: the tiles (gaps where a tile has no foreground); "
     "skimage relabel_sequential's first result")
def _(d):
    return [Impl("skimage", lambda d: relabel_sequential(tiles(d))[0])]


@row("clear_border", "clear objects touching the border (binary)",
     note="skimage clear_border: full-connectivity components of the mask")
def _(d):
    return [Impl("skimage", lambda d: clear_border(d.binary))]


@row("remove_small", "remove objects under 64 pixels (binary, faces)",
     note="skimage remove_small_objects(min_size=64), connectivity 1 (its default)")
def _(d):
    return [Impl("skimage", lambda d: remove_small_objects(d.binary, 64))]


# ---- morphology --------------------------------------------------------------------


def _cv_binary(v, op):
    k = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    return cv2.morphologyEx(v, op, k, borderType=cv2.BORDER_CONSTANT, borderValue=0)


@row("binary_opening", "binary opening, cross", note="scipy's default structure and border 0; OpenCV: MORPH_OPEN, "
     "MORPH_CROSS, constant 0 border (2D)")
def _(d):
    peers = [Impl("scipy", lambda d: ndi.binary_opening(d.binary))]
    if d.ndim == 2:
        peers.append(Impl("opencv", lambda d: _cv_binary(d.binary_u8, cv2.MORPH_OPEN)))
    return peers


@row("binary_closing", "binary closing, cross", note="scipy's default structure and border 0; OpenCV: MORPH_CLOSE, "
     "MORPH_CROSS, constant 0 border (2D)")
def _(d):
    peers = [Impl("scipy", lambda d: ndi.binary_closing(d.binary))]
    if d.ndim == 2:
        peers.append(Impl("opencv", lambda d: _cv_binary(d.binary_u8, cv2.MORPH_CLOSE)))
    return peers


@row("h_maxima", "h-maxima (h = 1/12 of the range), full connectivity", dims=(2,),
     note="skimage h_maxima, h 21; 2D only: skimage's reconstruction took 70 s on a 16th of the 3D input")
def _(d):
    return [Impl("skimage", lambda d: h_maxima(d.grey, hval(d)))]


@row("h_minima", "h-minima (h = 1/12 of the range), full connectivity", dims=(2,),
     note="skimage h_minima, h 21; 2D only: skimage's reconstruction took 70 s on a 16th of the 3D input")
def _(d):
    return [Impl("skimage", lambda d: h_minima(d.grey, hval(d)))]


def _seed(d):
    return cached("seed", d, lambda d: np.maximum(d.grey, hval(d)) - d.grey.dtype.type(hval(d)))


@row("reconstruct", "reconstruction by dilation (seed: image - h)", dims=(2,),
     note="skimage reconstruction (float64 output; gips keeps the type); 2D only: skimage's 3D call needs ~8 GB")
def _(d):
    return [Impl("skimage", lambda d: reconstruction(_seed(d), d.grey, method="dilation"))]


@row("regional_max", "regional maxima, full connectivity", note="skimage local_maxima (allow_borders)")
def _(d):
    return [Impl("skimage", lambda d: local_maxima(d.grey))]


@row("regional_min", "regional minima, full connectivity", note="skimage local_minima (allow_borders)")
def _(d):
    return [Impl("skimage", lambda d: local_minima(d.grey))]


# ---- segmentation ---------------------------------------------------------------------


@row("watershed_masked", "seeded watershed inside the mask, faces",
     note="watershed's image and markers, mask = the binary image; identical labels expected")
def _(d):
    return [Impl("skimage", lambda d: sk_watershed(*flood_input(d), mask=d.binary, connectivity=1))]


def _separate(b, h=1.0):
    """segment.separate as a scipy / skimage user composes it: EDT, its h-maxima
    (face connectivity, as the watershed) as seeds, watershed of the negated
    distance inside the mask; components without a seed labelled whole."""
    st = ndi.generate_binary_structure(b.ndim, 1)
    dist = ndi.distance_transform_edt(b)
    seeds, n = ndi.label(h_maxima(dist, h, footprint=st), st)
    ws = sk_watershed(-dist, seeds, mask=b, connectivity=1)
    rest = ndi.label(b & (ws == 0), st)[0]
    return np.where(rest > 0, rest + n, ws)


@row("separate", "split touching objects (EDT, h-maxima 1, watershed)", dims=(2,), check=SamePartition(),
     note="scipy EDT + skimage h_maxima(dist, 1) + watershed(-dist, seeds, mask, faces); unseeded components kept; "
          "2D only (skimage's h_maxima of the 3D distance map takes minutes)")
def _(d):
    return [Impl("skimage", lambda d: _separate(d.binary))]


# ---- measures -------------------------------------------------------------------------

_INTENSITY = "label,area,intensityMin,intensityMax,intensityMean,intensityStd,intensitySum"


def _scipy_intensity(lab, grey):
    idx = np.arange(1, int(lab.max()) + 1)
    f = grey.astype(np.float64)
    return np.stack([idx, np.bincount(lab.ravel())[1:], ndi.minimum(f, lab, idx), ndi.maximum(f, lab, idx),
                     ndi.mean(f, lab, idx), ndi.standard_deviation(f, lab, idx), ndi.sum_labels(f, lab, idx)])


@row("intensity_table", "per-label intensity min, max, mean, std, sum", check=Close(1e-6, "float64 sums", rtol=1e-12),
     note="labels: the components; scipy: ndimage minimum / maximum / mean / standard_deviation / sum_labels "
          "(skimage 0.19's regionprops has no std or sum)")
def _(d):
    return [Impl("scipy", lambda d: _scipy_intensity(labels(d), d.grey))]


# The label table: what regionprops_table computes for every label that gips'
# labelAnalysis has under the same definition, gips' columns (x first) with the
# skimage column of each (numpy order: bbox-0 and centroid-0 are z in 3D, y in 2D).
_TABLE = {
    2: [("label", "label"), ("area", "area"), ("bboxMinX", "bbox-1"), ("bboxMinY", "bbox-0"),
        ("bboxMaxX", "bbox-3"), ("bboxMaxY", "bbox-2"), ("centroidX", "centroid-1"), ("centroidY", "centroid-0"),
        ("extent", "extent"), ("equivalentDiameter", "equivalent_diameter"),
        ("majorAxisLength", "major_axis_length"), ("minorAxisLength", "minor_axis_length"),
        ("eccentricity", "eccentricity"), ("orientation", "orientation"), ("perimeter", "perimeter")],
    3: [("label", "label"), ("area", "area"), ("bboxMinX", "bbox-2"), ("bboxMinY", "bbox-1"), ("bboxMinZ", "bbox-0"),
        ("bboxMaxX", "bbox-5"), ("bboxMaxY", "bbox-4"), ("bboxMaxZ", "bbox-3"), ("centroidX", "centroid-2"),
        ("centroidY", "centroid-1"), ("centroidZ", "centroid-0"), ("extent", "extent"),
        ("equivalentDiameter", "equivalent_diameter"), ("majorAxisLength", "major_axis_length")],
}
# (skimage 0.19's 3D minor_axis_length takes the square root of a sum that rounds
# below 0 for flat objects, and raises: left out.)


def _table_measures(d):
    return ",".join(g for g, _ in _TABLE[d.ndim])


def _sk_table(lab):
    cols = _TABLE[lab.ndim]
    props = ["label", "area", "bbox", "centroid"] + [s for _, s in cols[2 + 3 * lab.ndim:]]  # after box, centroid
    t = regionprops_table(lab, properties=props)
    return _one_orientation(np.stack([np.asarray(t[s], np.float64) for _, s in cols]))


def _one_orientation(tab):
    """Orientation where it is one number for both: -pi/2 as pi/2 (one direction,
    which the sign of a zero moment picks), -pi/4 as pi/4 (skimage 0.19 flips the
    sign of an object symmetric about a diagonal when its rounded moments come
    out equal, scikit-image#6815; gips' moments are exact, its sign that of
    the fixed skimage), and 0 where the ellipse's axes are equal (no direction:
    a square is pi/4 in exact moments, 0 or pi/4 in rounded ones). Applied to
    both tables (2D)."""
    names = [g for g, _ in _TABLE[2]]
    if tab.shape[0] != len(names):
        return tab
    o, ma, mi = (names.index(k) for k in ("orientation", "majorAxisLength", "minorAxisLength"))
    t = tab[o]
    t[np.abs(t + np.pi / 2) < 1e-9] = np.pi / 2
    t[np.abs(t + np.pi / 4) < 1e-12] = np.pi / 4
    t[tab[ma] - tab[mi] <= 1e-6 * tab[ma]] = 0
    return tab


@row("label_table", "per-label shape table: area, box, centroid, extent, diameter, major axis (2D: + minor "
     "axis, eccentricity, orientation, perimeter)", check=Close(1e-6, "float64 moments", rtol=1e-12),
     note="labels: the components; skimage regionprops_table of the same properties (gips measure.labelAnalysis "
          "with the matching columns, x first); orientation -pi/2 read as pi/2, -pi/4 as pi/4 (skimage 0.19's "
          "sign error on diagonals, scikit-image#6815) and 0 where the axes are equal, in both tables; skimage "
          "0.19's 3D minor axis raises on flat objects: left out")
def _(d):
    return [Impl("skimage", lambda d: _sk_table(labels(d)))]


_SHAPE = "area >= 100 and extent > 0.5"


def _sk_shape_filter(lab):
    t = regionprops_table(lab, properties=("label", "area", "extent"))
    keep = np.zeros(int(lab.max()) + 1, bool)
    keep[t["label"][(t["area"] >= 100) & (t["extent"] > 0.5)]] = True
    return np.where(keep[lab], lab, 0)


@row("shape_filter", f"keep labels with {_SHAPE}",
     note="labels: the components; skimage regionprops_table(area, extent), then a lookup")
def _(d):
    return [Impl("skimage", lambda d: _sk_shape_filter(labels(d)))]


def _mid(v):
    return v[v.shape[0] // 2] if v.ndim == 3 else v


@row("overlay", "label outlines over the image, RGB (middle plane)", check=SameOutlines(),
     note="skimage mark_boundaries(mode='inner') of the components; gips colours each label and scales the grey "
          "min..max, so only the outline pixels are compared")
def _(d):
    return [Impl("skimage", lambda d: mark_boundaries(_mid(d.grey), _mid(labels(d)), mode="inner"))]


def _table(t, cols):
    return np.stack([np.asarray(t[c], np.float64) for c in cols.split(",")])


GIPS.update({
    "divide_const": (["arith.divideScalar"], lambda op, d: op(d.grey, value=3.0)),
    "dark": (["threshold.dark"], lambda op, d: op(d.grey, value=d.otsu)),
    "hysteresis": (["threshold.hysteresis"], lambda op, d: op(d.grey, *_hyst(d))),
    "measure": (["stats.measure"], lambda op, d: np.array(list(op(d.grey).values()), np.float64)),
    "laplace": (["filter.laplace"], lambda op, d: op(d.grey, mode=MODE)),
    "gaussian_laplace": (["filter.gaussianLaplace"], lambda op, d: op(d.grey, sigma=2.0, mode=MODE)),
    "gaussian_dx": (["filter.gaussianDerivative"], lambda op, d: op(d.grey, sigma=2.0, order=list(_dx_order(d.ndim)), mode=MODE)),
    "dog": (["filter.differenceOfGaussians"], lambda op, d: op(d.grey, low_sigma=1.0, mode=MODE)),
    "unsharp": (["filter.unsharpMask"], lambda op, d: op(d.grey, sigma=1.0, amount=1.0, mode=MODE)),
    "local_var": (["filter.localVariance"], lambda op, d: op(d.grey, size=3, mode=MODE)),
    "local_std": (["filter.localStd"], lambda op, d: op(d.grey, size=3, mode=MODE)),
    "prewitt": (["filter.prewitt"], lambda op, d: op(d.grey, mode=MODE)),
    "scharr": (["filter.scharr"], lambda op, d: op(d.grey, normalize=True, mode=MODE)),
    "percentile25": (["filter.rank"], lambda op, d: op(d.grey, percentile=25, size=3, mode=MODE)),
    "bilateral": (["filter.bilateral"], lambda op, d: op(d.grey, sigma_spatial=2.0, sigma_range=25.0, output="same",
                                                         mode="mirror")),
    "hessian_eig": (["filter.hessianEigenvalues"], lambda op, d: op(d.grey, sigma=1.0, mode=MODE)),
    "frangi": (["filter.frangi"], lambda op, d: op(d.grey)),
    "signed_edt": (["distance.signedEdt"], lambda op, d: op(d.binary)),
    "feature_transform": (["distance.featureTransform"], lambda op, d: op(d.binary)),
    "label_edt": (["distance.labelEdt"], lambda op, d: op(tiles(d))),
    "label_count": (["label.count"], lambda op, d: op(d.binary, connectivity=0)),
    "label_sizes": (["label.labelSizes"], lambda op, d: op(labels(d))),
    "relabel": (["label.relabelSequential"], lambda op, d: op(tiles(d))),
    "clear_border": (["label.clearBorder"], lambda op, d: op(d.binary)),
    "remove_small": (["label.removeSmallObjects"], lambda op, d: op(d.binary, min_size=64)),
    "binary_opening": (["morpho.binaryOpening"], lambda op, d: op(d.binary)),
    "binary_closing": (["morpho.binaryClosing"], lambda op, d: op(d.binary)),
    "h_maxima": (["morpho.hMaxima"], lambda op, d: op(d.grey, h=hval(d))),
    "h_minima": (["morpho.hMinima"], lambda op, d: op(d.grey, h=hval(d))),
    "reconstruct": (["morpho.reconstruct"], lambda op, d: op(_seed(d), d.grey, method="dilation")),
    "regional_max": (["morpho.regionalMaxima"], lambda op, d: op(d.grey)),
    "regional_min": (["morpho.regionalMinima"], lambda op, d: op(d.grey)),
    "watershed_masked": (["segment.watershedMasked"], lambda op, d: op(*flood_input(d), d.binary, connectivity=1)),
    "separate": (["segment.separate"], lambda op, d: op(d.binary, h=1.0, connectivity=1)),
    "intensity_table": (["measure.labelIntensityAnalysis"],
                        lambda op, d: _table(op(labels(d), d.grey, measures=_INTENSITY), _INTENSITY)),
    "label_table": (["measure.labelAnalysis"], lambda op, d: _one_orientation(
        _table(op(labels(d), measures=_table_measures(d)), _table_measures(d)))),
    "shape_filter": (["measure.shapeFiltering"], lambda op, d: op(labels(d), _SHAPE)),
    "overlay": (["measure.overlay"], lambda op, d: op(d.grey, labels(d))),
})
