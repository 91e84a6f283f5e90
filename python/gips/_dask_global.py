"""Whole-image ops on dask arrays (hand-written; gips.dask imports them):
connected components, the exact Euclidean distance transform and the
mergeable label measurements. Each equals the op on the whole array, for
every chunking; see each function.
"""

import numpy as np

__all__ = ["label", "edt", "labelAnalysis"]


def _da():
    import dask.array as da
    return da


def _gips():
    import gips
    return gips


def _check_ndim(name, a):
    if a.ndim not in (2, 3):
        raise ValueError(f"gips.dask.{name}: array of shape {a.shape}: want 2D (y, x) or 3D (z, y, x)")


def _bounds(chunks):
    """Per axis, the chunk start indices and the axis size."""
    return [np.cumsum((0,) + tuple(c)) for c in chunks]


# ---------------------------------------------------------------- label


def _connectivity(ndim, connectivity):
    if isinstance(connectivity, bool) or not isinstance(connectivity, (int, np.integer)):
        raise TypeError(f"gips.dask.label: connectivity {connectivity!r}: want an int in [0, {ndim}]")
    c = int(connectivity)
    if not 0 <= c <= ndim:
        raise ValueError(f"gips.dask.label: connectivity {c}: want 0 (full) or 1..{ndim} for a {ndim}D array")
    return c or ndim


def _label_block(block, conn):
    """gips.label.components on one block: local labels 1..n in the block's
    raster order, uint32."""
    res = _gips().label.components(np.ascontiguousarray(block), connectivity=conn, output="Label32")
    out = np.asarray(res.array, dtype=np.uint32)
    from .dask import _release
    _release([block])
    return out


def _firsts(lab, start, shape):
    """The global C-order index of the first pixel of each local label 1..n
    (gips.label.blockFirsts gives them in the block, in one pass)."""
    if lab.size == 0:
        return np.zeros(0, np.int64)
    pos = _gips().label.blockFirsts(lab).astype(np.int64)
    coords = np.unravel_index(pos, lab.shape)
    return np.ravel_multi_index(tuple(c + s for c, s in zip(coords, start)), shape).astype(np.int64)


def _encode(lab, blocks):
    """Node ids: the block's linear index in the high 32 bits, the local
    label in the low ones."""
    return (blocks.astype(np.int64) << 32) | lab.astype(np.int64)


def _face_pairs(left, right, vleft, vright, axis, lblock, rblock, bounds, numblocks, conn):
    """The pairs of node ids joined across one chunk boundary: `left` is the
    last plane before it, `right` the first after it, over the whole array
    in the other axes, so that pixels meeting at block edges and corners
    (any offset of at most conn nonzero steps, one of them along `axis`)
    are paired; vleft/vright are the input's values there (bool: any two
    foreground pixels join; else equal values). gips.label.blockFaces
    finds them, with each pixel's block on the plane's grid."""
    others = [k for k in range(len(numblocks)) if k != axis]
    if len(others) == 1:  # a 2D array: the planes are rows
        left, right, vleft, vright = (np.asarray(a).reshape(1, -1) for a in (left, right, vleft, vright))
        ys, xs = [0], bounds[others[0]][:-1]
    else:
        ys, xs = bounds[others[0]][:-1], bounds[others[1]][:-1]
    v = _gips().label.blockFaces(np.ascontiguousarray(left), np.ascontiguousarray(right),
                                 np.ascontiguousarray(vleft), np.ascontiguousarray(vright),
                                 x_starts=[int(x) for x in xs], y_starts=[int(y) for y in ys], connectivity=conn)
    q = np.asarray(v).astype(np.int64).reshape(-1, 4)
    nbx = len(xs)

    def ids(pb, lab, blk):
        idx = [None] * len(numblocks)
        if len(others) == 1:
            idx[others[0]] = pb
        else:
            idx[others[0]], idx[others[1]] = pb // nbx, pb % nbx
        idx[axis] = np.full(pb.shape, blk)
        return _encode(lab, np.ravel_multi_index(tuple(idx), numblocks))
    return np.stack([ids(q[:, 0], q[:, 1], lblock), ids(q[:, 2], q[:, 3], rblock)], axis=1)


def _union(n, u, v):
    """The root (smallest member) of each of n nodes' components, joined by
    the edges (u, v): hooking roots to the smaller root, then pointer
    jumping, until every edge has one root."""
    p = np.arange(n, dtype=np.int64)
    while u.size:
        pu, pv = p[u], p[v]
        diff = pu != pv
        if not diff.any():
            break
        u, v, pu, pv = u[diff], v[diff], pu[diff], pv[diff]
        m = np.minimum(pu, pv)
        np.minimum.at(p, pu, m)
        np.minimum.at(p, pv, m)
        while True:
            pp = p[p]
            if np.array_equal(pp, p):
                break
            p = pp
    return p


def _resolve(firsts, pairs, numblocks):
    """Global numbering: per block, the lookup table local label -> final
    label (scipy's raster order of each object's first pixel), and the count."""
    counts = np.array([len(f) for f in firsts], np.int64)
    off = np.concatenate([[0], np.cumsum(counts)])
    n = int(off[-1])
    key = np.concatenate(firsts) if n else np.zeros(0, np.int64)
    e = np.concatenate(pairs) if pairs else np.zeros((0, 2), np.int64)

    def compact(ids):
        return off[ids >> 32] + (ids & 0xFFFFFFFF) - 1
    root = _union(n, compact(e[:, 0]), compact(e[:, 1]))
    kmin = key.copy()
    np.minimum.at(kmin, root, key)
    roots = np.flatnonzero(root == np.arange(n))
    rank = np.zeros(n, np.int64)
    rank[roots[np.argsort(kmin[roots], kind="stable")]] = np.arange(1, roots.size + 1)
    final = rank[root]
    luts = [np.concatenate([[0], final[off[b]:off[b + 1]]]) for b in range(len(firsts))]
    return luts, roots.size


def _relabel(lab, luts, dtype, block_info=None):
    """A block's final labels through its lookup table, by
    gips.label.relabelTable; int32 labels are written over the block's
    uint32 local labels (the same 4 bytes a pixel), which no other task
    reads by then: every other reader of them comes before the table."""
    info = block_info[0]
    b = np.ravel_multi_index(info["chunk-location"], info["num-chunks"])
    table = luts[0][b]
    if dtype != np.int32:  # past 2**31 - 1 pixels: int64 labels
        return table.astype(dtype)[lab]
    out = lab.view(np.int32) if lab.flags.writeable and lab.flags.c_contiguous else np.empty(lab.shape, np.int32)
    _gips().label.relabelTable(lab, table.astype(np.int32).reshape(1, -1), out=out)
    return out


def label(darr, connectivity=0):
    """Connected components of a dask array, identical to the whole array's
    gips.label.components (= scipy.ndimage.label(darr, structure) with
    scipy's generate_binary_structure(ndim, connectivity)), for every
    chunking: labels 1..n in the raster order (numpy C order, last axis
    fastest) of each object's first pixel.

    A bool array is binary (nonzero pixels are the foreground); in any other
    integer array neighbours join only when their values are equal, 0 being
    the background (skimage.measure.label(a, background=0)), as
    gips.label.components. connectivity as scikit-image: 1 = faces, 2 = +
    edges, 3 = + corners (3D), 0 = full (the array's ndim).

    Each block is labelled by gips.label.components; the planes on either
    side of every chunk boundary give the equivalences between neighbouring
    blocks (diagonal ones too: the planes span the whole array, so pixels
    meeting at a block edge or corner are paired); one task joins them with
    a union-find and orders the objects by their first pixel; each block is
    then renumbered through a lookup table, in place. The per-block passes
    (first pixels, face pairs, renumbering) are gips ops
    (label.blockFirsts, label.blockFaces, label.relabelTable). The block
    labels stay in memory (4 bytes a pixel) until they are renumbered; the
    renumbered block is written over them.

    Returns (labels, count): labels is an int32 dask array with the input's
    chunks (int64 past 2**31 - 1 pixels), count a 0-d int64 dask array; both
    are lazy and share one graph: ``labels, n = dask.compute(*label(x))``
    labels once.
    """
    da = _da()
    import dask
    darr = da.asarray(darr)
    _check_ndim("label", darr)
    conn = _connectivity(darr.ndim, connectivity)
    # refuse an unsupported dtype now, with gips' error naming it
    _label_block(np.zeros((1,) * darr.ndim, darr.dtype), conn)
    nb = darr.numblocks
    if np.prod(nb) >= 2 ** 31:
        raise ValueError(f"gips.dask.label: {np.prod(nb)} blocks: want fewer than 2**31")
    lab = darr.map_blocks(_label_block, conn, dtype=np.uint32, meta=np.zeros((0,) * darr.ndim, np.uint32))
    bounds = _bounds(darr.chunks)
    shape = darr.shape
    firsts = []
    for bi, blk in zip(np.ndindex(*nb), lab.to_delayed().ravel()):
        start = tuple(int(bounds[k][bi[k]]) for k in range(darr.ndim))
        firsts.append(dask.delayed(_firsts, pure=True)(blk, start, shape))
    pairs = []
    for axis in range(darr.ndim):
        for c in range(1, nb[axis]):
            b = int(bounds[axis][c])
            sl = lambda i: tuple(i if k == axis else slice(None) for k in range(darr.ndim))  # noqa: E731
            vl, vr = darr[sl(b - 1)], darr[sl(b)]
            pairs.append(dask.delayed(_face_pairs, pure=True)(
                lab[sl(b - 1)], lab[sl(b)], vl, vr, axis, c - 1, c, bounds, nb, conn))
    res = dask.delayed(_resolve, pure=True, nout=2)(firsts, pairs, nb)
    dtype = np.int32 if darr.size < 2 ** 31 else np.int64
    labels = da.map_blocks(_relabel, lab, res, dtype, dtype=dtype, meta=np.zeros((0,) * darr.ndim, dtype))
    count = da.from_delayed(res[1], shape=(), dtype=np.int64)
    return labels, count


# ---------------------------------------------------------------- edt


def _sampling(name, sampling, ndim):
    if sampling is None:
        sp = [1.0] * ndim
    elif np.ndim(sampling) == 0:
        sp = [float(sampling)] * ndim
    else:
        sp = [float(s) for s in sampling]
        if len(sp) != ndim:
            raise ValueError(f"gips.dask.{name}: sampling {sampling!r}: want one value or {ndim} (numpy order)")
    for s in sp:
        if not (s > 0 and np.isfinite(s)):
            raise ValueError(f"gips.dask.{name}: sampling {sampling!r}: want positive finite sizes")
    return sp


def _planes_sq(block, sp):
    """Squared distances to the nearest zero within each plane (3D: a (y, x)
    plane, by gips.distance.edt; 2D: a row, from the nearest zeros left and
    right); +inf where a plane has no zero."""
    if block.ndim == 3:
        out = np.empty(block.shape, np.float64)
        for z in range(block.shape[0]):
            d = np.asarray(_gips().distance.edt(np.ascontiguousarray(block[z] != 0), sampling=sp[1:],
                                                output="Real64").array)
            out[z] = d * d
        return out
    zero = block == 0
    w = block.shape[1]
    x = np.arange(w)
    left = np.maximum.accumulate(np.where(zero, x, -1), axis=1)
    right = np.minimum.accumulate(np.where(zero, x, w)[:, ::-1], axis=1)[:, ::-1]
    dl = np.where(left >= 0, x - left, np.iinfo(np.int64).max).astype(np.float64)
    dr = np.where(right < w, right - x, np.iinfo(np.int64).max).astype(np.float64)
    d = np.minimum(dl, dr)
    d[(left < 0) & (right >= w)] = np.inf
    return (d * sp[1]) ** 2


def _envelope(f, s):
    """min over j of f[j] + (s (i - j))² along axis 0, for every column at
    once: Felzenszwalb and Huttenlocher's lower envelope of parabolas,
    vectorised over the columns."""
    shape = f.shape
    f = f.reshape(shape[0], -1)
    n, m = f.shape
    v = np.zeros((n, m), np.int64)          # envelope parabolas' positions
    z = np.full((n + 1, m), np.inf)        # their left boundaries
    k = np.full(m, -1, np.int64)           # last envelope parabola
    cols = np.arange(m)
    for q in range(n):
        fq = f[q]
        fin = np.isfinite(fq)
        start = fin & (k < 0)
        k[start] = 0
        v[0, start] = q
        z[0, start] = -np.inf
        z[1, start] = np.inf
        idx = cols[fin & ~start]
        pq = q * s
        while idx.size:
            kk = k[idx]
            vk = v[kk, idx]
            pv = vk * s
            x = ((fq[idx] + pq * pq) - (f[vk, idx] + pv * pv)) / (2 * (pq - pv))
            pop = x <= z[kk, idx]
            keep = ~pop
            kp, ix = kk[keep] + 1, idx[keep]
            v[kp, ix] = q
            z[kp, ix] = x[keep]
            z[kp + 1, ix] = np.inf
            k[ix] = kp
            k[idx[pop]] -= 1
            idx = idx[pop]
    out = np.full((n, m), np.inf)
    has = k >= 0
    k = np.zeros(m, np.int64)
    act = cols[has]
    for q in range(n):
        pq = q * s
        idx = act
        while idx.size:
            adv = z[k[idx] + 1, idx] < pq
            idx = idx[adv]
            k[idx] += 1
        vk = v[k[act], act]
        out[q, act] = (pq - vk * s) ** 2 + f[vk, act]
    return out.reshape(shape)


def edt(darr, sampling=None, output="Real32"):
    """The exact Euclidean distance transform of a dask array, equal to
    gips.distance.edt on the whole array (scipy's
    distance_transform_edt(darr != 0, sampling) within 1e-12 relative for
    Real64): each nonzero pixel's distance to the nearest zero pixel, 0 on
    zero pixels, +inf everywhere when there is no zero pixel (scipy's
    result there is a known bug). sampling: one value or one per axis in
    numpy order (default 1). output: 'Real32' (the float64 result rounded
    once) or 'Real64'.

    Separable and halo-free: the array is rechunked so that each plane
    (3D: every (y, x) plane, gips.distance.edt on it; 2D: every row) is
    whole, giving squared in-plane distances (float64); then rechunked so
    that axis 0 is whole (the other axes keep the input's chunks), where
    the lower envelope of parabolas along axis 0 completes the transform.
    The result has the input's chunks. Memory: two float64 copies of the
    array in flight during the rechunks.
    """
    da = _da()
    darr = da.asarray(darr)
    _check_ndim("edt", darr)
    sp = _sampling("edt", sampling, darr.ndim)
    dt = {"Real32": np.float32, "Real64": np.float64}.get(output)
    if dt is None:
        raise ValueError(f"gips.dask.edt: output {output!r}: want 'Real32' or 'Real64'")
    if darr.dtype.kind not in "biuf":
        raise TypeError(f"gips.dask.edt: dtype {darr.dtype}: want bool, integer or float")
    whole_planes = darr.rechunk({k: -1 for k in range(1, darr.ndim)})
    f = whole_planes.map_blocks(_planes_sq, sp, dtype=np.float64)
    f = f.rechunk(((darr.shape[0],),) + darr.chunks[1:])
    d = f.map_blocks(_envelope, sp[0], dtype=np.float64)
    return np.sqrt(d).astype(dt).rechunk(darr.chunks)


# ---------------------------------------------------------------- labelAnalysis

# Columns whose per-block partial sums merge exactly (integer moments,
# boxes) or to rounding (float intensity sums; the standard deviation from
# per-block means and squared deviations).
MERGEABLE = (
    "label", "area", "areaPhysical", "bboxMinX", "bboxMinY", "bboxMinZ", "bboxMaxX", "bboxMaxY", "bboxMaxZ",
    "centroidX", "centroidY", "centroidZ", "equivalentDiameter", "extent",
    "inertiaEigen1", "inertiaEigen2", "inertiaEigen3", "majorAxisLength", "intermediateAxisLength",
    "minorAxisLength", "orientation", "eccentricity", "elongation", "flatness",
    "intensityMin", "intensityMax", "intensityMean", "intensityStd", "intensitySum",
    "weightedCentroidX", "weightedCentroidY", "weightedCentroidZ",
)

# the columns from the second moments
_SHAPE = ("inertiaEigen1", "inertiaEigen2", "inertiaEigen3", "majorAxisLength", "intermediateAxisLength",
          "minorAxisLength", "orientation", "eccentricity", "elongation", "flatness")

_PAIRS = ((0, 0), (1, 1), (2, 2), (0, 1), (0, 2), (1, 2))  # xx yy zz xy xz yz


def _partial(lab, inten, start):
    """One block's sums per label present: count, Σx.., Σxx.. (int64, gips
    axes x, y, z, global indices), box, and with intensity the sum, min,
    max, Σ I·x.., and the squared deviations from the block's mean."""
    lab = np.asarray(lab)
    if lab.dtype.kind not in "iu":
        raise TypeError(f"gips.dask.labelAnalysis: labels of dtype {lab.dtype}: want an integer type")
    flat = lab.ravel()
    nz = np.flatnonzero(flat)
    v = flat[nz].astype(np.int64)
    if v.size and v.min() < 0:
        raise ValueError(f"gips.dask.labelAnalysis: label {v.min()}: want labels >= 0")
    order = np.argsort(v, kind="stable")
    v, idx = v[order], nz[order]
    heads = np.flatnonzero(np.r_[True, v[1:] != v[:-1]]) if v.size else np.zeros(0, np.int64)
    nd = lab.ndim
    coords = np.unravel_index(idx, lab.shape)
    X = [(coords[nd - 1 - a] + start[nd - 1 - a]).astype(np.int64) for a in range(nd)]
    X += [np.zeros(v.size, np.int64)] * (3 - nd)
    p = {"label": v[heads], "n": np.diff(np.r_[heads, v.size]).astype(np.int64)}
    if not v.size:
        p.update(s=np.zeros((3, 0), np.int64), ss=np.zeros((6, 0), np.int64),
                 lo=np.zeros((3, 0), np.int64), hi=np.zeros((3, 0), np.int64))
        if inten is not None:
            for k in ("sum", "min", "max", "mean", "m2"):
                p[k] = np.zeros(0)
            p["w"] = np.zeros((3, 0))
        return p
    p["s"] = np.stack([np.add.reduceat(x, heads) for x in X])
    p["ss"] = np.stack([np.add.reduceat(X[a] * X[b], heads) for a, b in _PAIRS])
    p["lo"] = np.stack([np.minimum.reduceat(x, heads) for x in X])
    p["hi"] = np.stack([np.maximum.reduceat(x, heads) for x in X])
    if inten is not None:
        i = np.asarray(inten).ravel()[idx].astype(np.float64)
        p["sum"] = np.add.reduceat(i, heads)
        p["min"] = np.minimum.reduceat(i, heads)
        p["max"] = np.maximum.reduceat(i, heads)
        p["w"] = np.stack([np.add.reduceat(i * x, heads) for x in X])
        p["mean"] = p["sum"] / p["n"]
        p["m2"] = np.add.reduceat((i - np.repeat(p["mean"], p["n"])) ** 2, heads)
    return p


def _i128_float(x):
    """Go's int128.float: float64(hi)·2^64 + float64(lo), of the magnitude."""
    if x < 0:
        return -_i128_float(-x)
    return float(x >> 64) * 2.0 ** 64 + float(x & 0xFFFFFFFFFFFFFFFF)


def _eigen3(t):
    """Go's eigen3 (cyclic Jacobi, 50 sweeps at most, per matrix until its
    off-diagonal is 0), vectorised over the (n, 3, 3) matrices t."""
    a = t.copy()
    active = np.ones(len(a), bool)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for _ in range(50):
            off = a[:, 0, 1] ** 2 + a[:, 0, 2] ** 2 + a[:, 1, 2] ** 2
            active &= off != 0
            if not active.any():
                break
            for p, q in ((0, 1), (0, 2), (1, 2)):
                apq = a[:, p, q]
                rot = active & (apq != 0)
                theta = (a[:, q, q] - a[:, p, p]) / (2 * apq)
                tt = np.copysign(1.0, theta) / (np.abs(theta) + np.sqrt(theta * theta + 1))
                tt = np.where(np.isinf(theta) | ~rot, 0.0, tt)
                c = 1 / np.sqrt(tt * tt + 1)
                s = tt * c
                c, s = c[:, None], s[:, None]
                akp, akq = a[:, :, p].copy(), a[:, :, q].copy()
                a[:, :, p], a[:, :, q] = c * akp - s * akq, s * akp + c * akq
                apk, aqk = a[:, p, :].copy(), a[:, q, :].copy()
                a[:, p, :], a[:, q, :] = c * apk - s * aqk, s * apk + c * aqk
                a[rot, p, q] = 0
                a[rot, q, p] = 0
    e = np.maximum(np.stack([a[:, 0, 0], a[:, 1, 1], a[:, 2, 2]], axis=1), 0)
    return -np.sort(-e, axis=1)


def _merge(parts, cols, ndim, sp, intensity):
    from .tables import Table
    parts = [p for p in parts if p["label"].size]
    lab = np.concatenate([p["label"] for p in parts]) if parts else np.zeros(0, np.int64)
    u, inv = np.unique(lab, return_inverse=True)
    nl = u.size

    def cat(k, rows=None):
        if parts:
            return np.concatenate([p[k] for p in parts], axis=-1)
        return np.zeros((rows, 0) if rows else 0, np.int64 if k in ("n", "s", "ss", "lo", "hi") else np.float64)

    def add(x, dtype):
        out = np.zeros(x.shape[:-1] + (nl,), dtype)
        for r in np.ndindex(*x.shape[:-1]):
            np.add.at(out[r], inv, x[r])
        return out

    n = add(cat("n"), np.int64)
    s, ss = add(cat("s", 3), np.int64), add(cat("ss", 6), np.int64)
    lo = np.full((3, nl), np.iinfo(np.int64).max)
    hi = np.full((3, nl), np.iinfo(np.int64).min)
    for a in range(3):
        np.minimum.at(lo[a], inv, cat("lo", 3)[a])
        np.maximum.at(hi[a], inv, cat("hi", 3)[a])
    nf = n.astype(np.float64)
    pixel = sp[0] * sp[1] * sp[2]
    vol = nf * pixel
    out = {}
    need_shape = any(c in cols for c in _SHAPE)
    if need_shape:
        cov = np.zeros((6, nl))
        for k, (a, b) in enumerate(_PAIRS):
            for l in range(nl):
                num = int(n[l]) * int(ss[k, l]) - int(s[a, l]) * int(s[b, l])
                cov[k, l] = _i128_float(num) / nf[l] / nf[l] * sp[a] * sp[b]
        with np.errstate(divide="ignore", invalid="ignore"):
            if ndim == 2:
                a_, b_, c_ = cov[1], -cov[3], cov[0]   # inertia t00, t01, t11
                m, d = (a_ + c_) / 2, np.hypot((a_ - c_) / 2, b_)
                l1, l2 = m + d, m - d
                l2 = np.where((l1 > 0) & (l2 > 0), (a_ * c_ - b_ * b_) / l1, l2)
                e1, e2 = np.maximum(l1, 0), np.maximum(l2, 0)
                out["inertiaEigen1"], out["inertiaEigen2"] = e1, e2
                out["majorAxisLength"], out["minorAxisLength"] = 4 * np.sqrt(e1), 4 * np.sqrt(e2)
                a2, b2, c2 = cov[0], -cov[3], cov[1]
                # measure/analysis.go's rule for a == c (scikit-image#6815)
                out["orientation"] = np.where(a2 - c2 == 0, np.where(b2 > 0, -np.pi / 4, np.pi / 4),
                                              0.5 * np.arctan2(-2 * b2, c2 - a2))
                out["eccentricity"] = np.where(e1 != 0, np.sqrt(1 - e2 / e1), 0.0)
                out["elongation"] = out["majorAxisLength"] / out["minorAxisLength"]
            else:
                t = np.zeros((nl, 3, 3))
                t[:, 0, 0], t[:, 1, 1], t[:, 2, 2] = cov[1] + cov[2], cov[0] + cov[2], cov[0] + cov[1]
                t[:, 0, 1] = t[:, 1, 0] = -cov[3]
                t[:, 0, 2] = t[:, 2, 0] = -cov[4]
                t[:, 1, 2] = t[:, 2, 1] = -cov[5]
                e = _eigen3(t)
                for i in range(3):
                    out[f"inertiaEigen{i + 1}"] = e[:, i]

                def ax(x, y, z):
                    w = x + y + z
                    return np.where(w < 1e-12 * e[:, 0], 0.0, np.sqrt(np.maximum(10 * w, 0)))
                out["majorAxisLength"] = ax(e[:, 0], e[:, 1], -e[:, 2])
                out["intermediateAxisLength"] = ax(e[:, 0], -e[:, 1], e[:, 2])
                out["minorAxisLength"] = ax(-e[:, 0], e[:, 1], e[:, 2])
                out["elongation"] = out["majorAxisLength"] / out["intermediateAxisLength"]
                out["flatness"] = out["intermediateAxisLength"] / out["minorAxisLength"]
    out["label"] = u.astype(np.float64)
    out["area"] = nf
    out["areaPhysical"] = vol
    for a in range(3):
        X = "XYZ"[a]
        out["bboxMin" + X] = lo[a].astype(np.float64)
        out["bboxMax" + X] = (hi[a] + 1).astype(np.float64)
        out["centroid" + X] = s[a].astype(np.float64) / nf * sp[a]
    out["equivalentDiameter"] = np.power(2 * ndim * vol / np.pi, 1 / ndim)
    out["extent"] = nf / ((hi[0] - lo[0] + 1).astype(np.float64) * (hi[1] - lo[1] + 1).astype(np.float64)
                          * (hi[2] - lo[2] + 1).astype(np.float64))
    if intensity:
        tot = add(cat("sum"), np.float64)
        mn = np.full(nl, np.inf)
        mx = np.full(nl, -np.inf)
        np.minimum.at(mn, inv, cat("min"))
        np.maximum.at(mx, inv, cat("max"))
        w = add(cat("w", 3), np.float64)
        mean = tot / nf
        # Σ over blocks of (M2_b + n_b (mean_b - mean)²): the squared
        # deviations from the object's mean, without cancellation
        m2 = np.zeros(nl)
        np.add.at(m2, inv, cat("m2") + cat("n") * (cat("mean") - mean[inv]) ** 2)
        out.update(intensityMin=mn, intensityMax=mx, intensityMean=mean, intensitySum=tot,
                   intensityStd=np.sqrt(m2 / nf))
        for a in range(3):
            out["weightedCentroid" + "XYZ"[a]] = w[a] / tot * sp[a]
    return Table({c: out[c] for c in cols}, {c: cols[c] for c in cols})


def labelAnalysis(labels, intensity=None, measures="all", spacing=None, compute=True):
    """gips.measure.labelAnalysis (labelIntensityAnalysis with an intensity
    array) of a dask label array, from per-block partial sums merged into
    one table: one row per label (sorted, 0 skipped), the columns in
    gips' table order, equal to the whole array's table.

    Only measures that merge from per-block sums are here (MERGEABLE):
    label, area, areaPhysical, bounding box, centroid (exact: integer
    sums), equivalentDiameter, extent, the inertia eigenvalues and the
    axis lengths, orientation, eccentricity, elongation, flatness (from
    exact integer second moments, computed as gips does), intensityMin,
    Max, Sum, Mean, weightedCentroid (float sums in another order: equal
    to rounding) and intensityStd (from each block's mean and squared
    deviations: equal to rounding). 'all' is every one of these; the
    others (eulerNumber, perimeter, perimeterCrofton, solidity, feret*,
    surfaceArea, sphericity, intensityMedian) need each object's pixels
    together and are refused by name: run gips.measure.labelAnalysis on
    the computed array (or on an object's crop from its bounding box).

    measures: names as a list or tuple (as skimage's regionprops_table takes
    its properties), or one comma-separated string.
    spacing: pixel size per axis in numpy order (default 1). compute=True
    returns the Table (computing the graph with the current scheduler);
    compute=False a dask.delayed Table.
    """
    da = _da()
    import dask
    gips = _gips()
    labels = da.asarray(labels)
    _check_ndim("labelAnalysis", labels)
    nd = labels.ndim
    if labels.dtype.kind not in "iu":
        raise TypeError(f"gips.dask.labelAnalysis: labels of dtype {labels.dtype}: want an integer type")
    if intensity is not None:
        intensity = da.asarray(intensity)
        if intensity.shape != labels.shape:
            raise ValueError(f"gips.dask.labelAnalysis: intensity of shape {intensity.shape}: "
                             f"want the labels' shape {labels.shape}")
        if intensity.dtype.kind not in "iuf":
            raise TypeError(f"gips.dask.labelAnalysis: intensity of dtype {intensity.dtype}: want integer or float")
        intensity = intensity.rechunk(labels.chunks)
    sp = _sampling("labelAnalysis", spacing, nd)[::-1] + [1.0] * (3 - nd)  # gips order x, y, z
    # gips' own column order and units, from a one-pixel table
    one = np.ones((1,) * nd, np.uint8)
    ref = (gips.measure.labelAnalysis(one) if intensity is None
           else gips.measure.labelIntensityAnalysis(one, np.ones_like(one)))
    avail = [c for c in ref if c in MERGEABLE]
    if isinstance(measures, str):
        measures = measures.split(",")
    names = [str(m).strip() for m in measures if str(m).strip()]
    if not names:  # as gips.measure.labelAnalysis refuses it
        raise ValueError(f"gips.dask.labelAnalysis: measures {measures!r} is empty: want names or 'all'")
    if "all" in names:
        want = set(avail)
    else:
        bad = [m for m in names if m not in avail]
        if bad:
            why = ("needs each object's pixels together (not mergeable from blocks)"
                   if all(m in ref for m in bad) else "unknown here")
            raise ValueError(f"gips.dask.labelAnalysis: measures {bad}: {why}; available: {', '.join(avail)}")
        want = set(names) | {"label"}
    cols = {c: ref.units.get(c, "") for c in ref if c in want}
    bounds = _bounds(labels.chunks)
    lblocks = labels.to_delayed().ravel()
    iblocks = intensity.to_delayed().ravel() if intensity is not None else [None] * len(lblocks)
    parts = []
    for bi, lb, ib in zip(np.ndindex(*labels.numblocks), lblocks, iblocks):
        start = tuple(int(bounds[k][bi[k]]) for k in range(nd))
        parts.append(dask.delayed(_partial, pure=True)(lb, ib, start))
    table = dask.delayed(_merge, pure=True)(parts, cols, nd, sp, intensity is not None)
    return table.compute() if compute else table
