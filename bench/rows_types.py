"""Rows on the other buffer types users hold (issue 15): float32 (reconstructed CT
and microscopy volumes, what numpy users convert to) and int16 (CT in Hounsfield
units). The rows of rows.py run on the 2D uint8 and 3D uint16 inputs only, where
gips' kernels were written first; these run the same pointwise ops and statistics
on float32 and int16 images made from the 2D input, at every 2D size.

The float32 image is grey / 4 + 0.1 (fractions, 0.1 to 63.85), the int16 one
(grey - 128) * 200 (-25600 to 25400: sums of two saturate). Float results are
IEEE float32 operations, the same in every library (exact agreement), except the
blend and the float64 statistics (orders of accumulation differ). Integer results
saturate, as OpenCV's; numpy has no saturating int16 arithmetic, so its peer
computes in int32 and clips. Loaded by rows.py after its own rows.
"""

import cv2
import numpy as np

import inputs
from rows import GIPS, Close, Impl, Scalar, flat2d, row


def _typed(d):
    """The 2D input as float32 and int16 images (two of each, and the light
    threshold of each)."""
    f32 = lambda g: (g / np.float32(4) + np.float32(0.1)).astype(np.float32)
    i16 = lambda g: ((g.astype(np.int16) - 128) * 200).astype(np.int16)
    return {
        "f32": (f32(d.grey), f32(d.grey2), f32(np.array(d.otsu, np.uint8))[()]),
        "i16": (i16(d.grey), i16(d.grey2), i16(np.array(d.otsu, np.uint8))[()]),
    }


typed = inputs.per_size(_typed)


def _sat16(x):
    """int32 (or float64, already rounded) -> int16, saturated."""
    return np.clip(x, -32768, 32767).astype(np.int16)


def _cv(f):
    """OpenCV's f(a, x) (x an image or a number), reshaped to a's shape."""
    return lambda a, x: f(flat2d(a), flat2d(x) if isinstance(x, np.ndarray) else x).reshape(a.shape)


def _cv2(f):
    """A row's OpenCV peer of an image-image op: f(a, b) (not the threshold)."""
    return lambda a, b, t: _cv(f)(a, b)


def _typed_row(key, title, t, nimg, gips_call, numpy_fn, cv_fn=None, check=None, note=""):
    """One row on type t ("f32" or "i16"): numpy_fn (the reference) and cv_fn
    take the typed images (a, b) and the threshold; gips_call(op, a, b, thr)."""
    nbytes = lambda d: typed(d)[t][0].nbytes

    @row(key, title, dims=(2,), check=check, note=note,
         moved=lambda d: (nimg + 1) * nbytes(d) if nimg else nbytes(d), allsizes=True)
    def _(d):
        typed(d)
        peers = [Impl("numpy", lambda d: numpy_fn(*typed(d)[t]))]
        if cv_fn is not None:
            peers.append(Impl("opencv", lambda d: cv_fn(*typed(d)[t])))
        return peers

    return lambda op_names: GIPS.__setitem__(key, (op_names, lambda op, d: gips_call(op, *typed(d)[t])))


_F32 = "float32 image grey/4 + 0.1"
_I16 = "int16 image (grey - 128) * 200"

# float32: every library rounds each IEEE operation once, the same.
_typed_row("add_f32", f"add image + image, {_F32}", "f32", 2, lambda op, a, b, t: op(a, b),
           lambda a, b, t: np.add(a, b), _cv2(cv2.add))(["arith.add"])
_typed_row("subtract_f32", f"subtract image - image, {_F32}", "f32", 2, lambda op, a, b, t: op(a, b),
           lambda a, b, t: np.subtract(a, b), _cv2(cv2.subtract))(["arith.subtract"])
_typed_row("multiply_f32", f"multiply image * image, {_F32}", "f32", 2, lambda op, a, b, t: op(a, b),
           lambda a, b, t: np.multiply(a, b), _cv2(cv2.multiply))(["arith.multiply"])
_typed_row("divide_f32", f"divide image / image, {_F32}", "f32", 2, lambda op, a, b, t: op(a, b),
           lambda a, b, t: np.divide(a, b), _cv2(cv2.divide))(["arith.divide"])
_typed_row("absdiff_f32", f"absolute difference |a - b|, {_F32}", "f32", 2, lambda op, a, b, t: op(a, b),
           lambda a, b, t: np.abs(a - b), _cv2(cv2.absdiff))(["arith.absDiff"])
_typed_row("minimum_f32", f"pixelwise minimum of two images, {_F32}", "f32", 2, lambda op, a, b, t: op(a, b),
           lambda a, b, t: np.minimum(a, b), _cv2(cv2.min))(["arith.min"])
_typed_row("maximum_f32", f"pixelwise maximum of two images, {_F32}", "f32", 2, lambda op, a, b, t: op(a, b),
           lambda a, b, t: np.maximum(a, b), _cv2(cv2.max))(["arith.max"])
_typed_row("add_const_f32", f"add a constant (50), {_F32}", "f32", 1, lambda op, a, b, t: op(a, value=50),
           lambda a, b, t: a + np.float32(50), lambda a, b, t: _cv(cv2.add)(a, 50.0))(["arith.addScalar"])
_typed_row("multiply_const_f32", f"multiply by a constant (1.5), {_F32}", "f32", 1, lambda op, a, b, t: op(a, value=1.5),
           lambda a, b, t: a * np.float32(1.5), lambda a, b, t: _cv(cv2.multiply)(a, 1.5))(["arith.multiplyScalar"])
_typed_row("invert_f32", f"invert (-v for floats), {_F32}", "f32", 1, lambda op, a, b, t: op(a),
           lambda a, b, t: np.negative(a), note="gips' invert of a float image is -v: numpy np.negative")(["arith.invert"])
_typed_row("linear_f32", f"linear combination 0.5 a + 0.5 b, {_F32}", "f32", 2,
           lambda op, a, b, t: op(a, b, alpha=0.5, beta=0.5),
           lambda a, b, t: np.float32(0.5) * a + np.float32(0.5) * b,
           lambda a, b, t: cv2.addWeighted(flat2d(a), 0.5, flat2d(b), 0.5, 0.0).reshape(a.shape),
           check=Close(0, "one float32 rounding apart at most", rtol=1.2e-7))(["arith.linearCombination"])
_typed_row("light_f32", f"threshold v >= t to binary, {_F32}", "f32", 1, lambda op, a, b, t: op(a, value=float(t)),
           lambda a, b, t: a >= t,
           # OpenCV's THRESH_BINARY is v > thresh: the float32 just below t.
           lambda a, b, t: cv2.threshold(flat2d(a), float(np.nextafter(t, np.float32(-np.inf))), 1,
                                         cv2.THRESH_BINARY)[1].reshape(a.shape),
           note="OpenCV: THRESH_BINARY (v > t') at t' the float32 below t, to 0/1 float32")(["threshold.light"])
_ACC = "float64 accumulation, orders differ"
# gips' float sums are compensated (stats/doc.go), numpy's pairwise and
# OpenCV's plain float64 ones are not: other rounding orders, within the check.
_COMP = ("gips: float64 sums of 256-value blocks in 32 lanes, the blocks combined by Neumaier's method "
         "(the error bound is in stats/sum32.go)")
_typed_row("sum_f32", f"sum of all pixels, {_F32}", "f32", 0, lambda op, a, b, t: op(a),
           lambda a, b, t: a.sum(dtype=np.float64), lambda a, b, t: cv2.sumElems(flat2d(a))[0],
           check=Scalar(1e-3, _ACC), note="numpy: a.sum(dtype=float64); OpenCV: cv2.sumElems; " + _COMP)(["stats.sum"])
_typed_row("mean_f32", f"mean of all pixels, {_F32}", "f32", 0, lambda op, a, b, t: op(a),
           lambda a, b, t: a.mean(dtype=np.float64), lambda a, b, t: cv2.mean(flat2d(a))[0],
           check=Scalar(1e-9, _ACC), note="numpy: a.mean(dtype=float64); OpenCV: cv2.mean; " + _COMP)(["stats.mean"])
_typed_row("std_f32", f"standard deviation of all pixels, {_F32}", "f32", 0, lambda op, a, b, t: op(a),
           lambda a, b, t: a.std(dtype=np.float64), lambda a, b, t: cv2.meanStdDev(flat2d(a))[1][0, 0],
           check=Scalar(1e-6, _ACC), note="numpy: a.std(dtype=float64); OpenCV: cv2.meanStdDev")(["stats.std"])
_typed_row("min_f32", f"smallest pixel, {_F32}", "f32", 0, lambda op, a, b, t: op(a),
           lambda a, b, t: a.min(), lambda a, b, t: cv2.minMaxLoc(flat2d(a))[0], check=Scalar(0))(["stats.min"])
_typed_row("max_f32", f"largest pixel, {_F32}", "f32", 0, lambda op, a, b, t: op(a),
           lambda a, b, t: a.max(), lambda a, b, t: cv2.minMaxLoc(flat2d(a))[1], check=Scalar(0))(["stats.max"])
_typed_row("hist_f32", f"histogram, 256 bins over [0, 64), {_F32}", "f32", 0,
           lambda op, a, b, t: op(a, nbins=256, range=(0.0, 64.0))[0],
           lambda a, b, t: np.histogram(a, 256, (0.0, 64.0))[0],
           lambda a, b, t: cv2.calcHist([flat2d(a)], [0], None, [256], [0, 64]).ravel(),
           note="gips bins as numpy (edges decide); no value here lies within a rounding of an edge, so OpenCV agrees")(["stats.histogram"])
_typed_row("median_value_f32", f"median of all pixels (percentile 50), {_F32}", "f32", 0, lambda op, a, b, t: op(a)[0],
           lambda a, b, t: np.percentile(a, 50), check=Scalar(1e-6, "numpy interpolates in float32"))(["stats.percentiles"])

# int16: saturating, as OpenCV's CV_16S arithmetic; numpy in int32, clipped.
_I = lambda x: x.astype(np.int32)
_typed_row("add_i16", f"add image + image (saturating), {_I16}", "i16", 2, lambda op, a, b, t: op(a, b),
           lambda a, b, t: _sat16(_I(a) + b), _cv2(cv2.add))(["arith.add"])
_typed_row("subtract_i16", f"subtract image - image (saturating), {_I16}", "i16", 2, lambda op, a, b, t: op(a, b),
           lambda a, b, t: _sat16(_I(a) - b), _cv2(cv2.subtract))(["arith.subtract"])
_typed_row("absdiff_i16", f"absolute difference |a - b| (saturating), {_I16}", "i16", 2, lambda op, a, b, t: op(a, b),
           lambda a, b, t: _sat16(np.abs(_I(a) - b)), _cv2(cv2.absdiff))(["arith.absDiff"])
_typed_row("minimum_i16", f"pixelwise minimum of two images, {_I16}", "i16", 2, lambda op, a, b, t: op(a, b),
           lambda a, b, t: np.minimum(a, b), _cv2(cv2.min))(["arith.min"])
_typed_row("maximum_i16", f"pixelwise maximum of two images, {_I16}", "i16", 2, lambda op, a, b, t: op(a, b),
           lambda a, b, t: np.maximum(a, b), _cv2(cv2.max))(["arith.max"])
_typed_row("add_const_i16", f"add a constant (1000, saturating), {_I16}", "i16", 1, lambda op, a, b, t: op(a, value=1000),
           lambda a, b, t: _sat16(_I(a) + 1000), lambda a, b, t: _cv(cv2.add)(a, 1000))(["arith.addScalar"])
_typed_row("multiply_const_i16", f"multiply by a constant (1.5, saturating), {_I16}", "i16", 1,
           lambda op, a, b, t: op(a, value=1.5),
           # Multiples of 200 times 1.5: no halves to round, every rule agrees.
           lambda a, b, t: _sat16(np.rint(a * 1.5)), lambda a, b, t: _cv(cv2.multiply)(a, 1.5))(["arith.multiplyScalar"])
_typed_row("invert_i16", f"invert (-v, saturating, for signed types), {_I16}", "i16", 1, lambda op, a, b, t: op(a),
           lambda a, b, t: np.negative(a),
           note="gips' invert of a signed image is -v saturated; no -32768 here, so numpy's np.negative agrees")(["arith.invert"])
_typed_row("light_i16", f"threshold v >= t to binary, {_I16}", "i16", 1, lambda op, a, b, t: op(a, value=int(t)),
           lambda a, b, t: a >= t,
           lambda a, b, t: cv2.threshold(flat2d(a), int(t) - 1, 1, cv2.THRESH_BINARY)[1].reshape(a.shape),
           note="OpenCV: THRESH_BINARY (v > t - 1) to 0/1 int16")(["threshold.light"])
_typed_row("sum_i16", f"sum of all pixels, {_I16}", "i16", 0, lambda op, a, b, t: op(a),
           lambda a, b, t: a.sum(dtype=np.int64), lambda a, b, t: cv2.sumElems(flat2d(a))[0],
           check=Scalar(0, "exact integer sum"))(["stats.sum"])
_typed_row("mean_i16", f"mean of all pixels, {_I16}", "i16", 0, lambda op, a, b, t: op(a),
           lambda a, b, t: a.mean(), lambda a, b, t: cv2.mean(flat2d(a))[0], check=Scalar(1e-9))(["stats.mean"])
_typed_row("std_i16", f"standard deviation of all pixels, {_I16}", "i16", 0, lambda op, a, b, t: op(a),
           lambda a, b, t: a.std(), lambda a, b, t: cv2.meanStdDev(flat2d(a))[1][0, 0],
           check=Scalar(1e-6, _ACC))(["stats.std"])
_typed_row("min_i16", f"smallest pixel, {_I16}", "i16", 0, lambda op, a, b, t: op(a),
           lambda a, b, t: a.min(), lambda a, b, t: cv2.minMaxLoc(flat2d(a))[0], check=Scalar(0))(["stats.min"])
_typed_row("median_value_i16", f"median of all pixels (percentile 50), {_I16}", "i16", 0, lambda op, a, b, t: op(a)[0],
           lambda a, b, t: np.percentile(a, 50), check=Scalar(0))(["stats.percentiles"])
_typed_row("to_f32_i16", f"convert to float32 (values kept), {_I16}", "i16", 1,
           lambda op, a, b, t: op(a, output="Real32"), lambda a, b, t: a.astype(np.float32),
           note="gips: convertImg(output=Real32), scaling clamp (the default)")(["util.convertImg"])
