"""Rows of the block passes of a chunked labelling (gips.dask.label, label/blocks.go):
label.blockFirsts, label.blockFaces and label.relabelTable, each against the numpy
pass it replaced (issues 11 and 15). Loaded by rows.py.

Their input is the whole binary input labelled (scipy.ndimage.label, full
connectivity, uint32), made once per input outside the timed calls: one block as
large as the array, the worst case of a chunk."""

import numpy as np
import scipy.ndimage as ndi

from rows import GIPS, Impl, row

# blockFaces: the planes either side of the middle boundary along the first axis,
# cut into chunks of this many pixels along the plane's axes.
FACE_CHUNK = 128

_labels = {}
_tables = {}


def block_labels(d):
    """d.binary labelled at full connectivity, uint32, and the count."""
    if d.ndim not in _labels:
        lab, n = ndi.label(d.binary, np.ones((3,) * d.ndim, bool))
        _labels[d.ndim] = (lab.astype(np.uint32), n)
    return _labels[d.ndim]


def relabel_table(d):
    """A table of n+1 int32 labels: 0 -> 0, the others a fixed permutation of 1..n."""
    if d.ndim not in _tables:
        _, n = block_labels(d)
        _tables[d.ndim] = np.concatenate([[0], np.random.default_rng(7).permutation(n) + 1]).astype(np.int32)
    return _tables[d.ndim]


def np_firsts(lab):
    """The flat index of the first pixel of each label 1..n of a raster-numbered
    image: the starts of the runs of equal values where the running maximum
    steps up (the numpy pass gips.dask.label used before label.blockFirsts)."""
    flat = lab.ravel()
    runs = np.concatenate([[0], np.flatnonzero(flat[1:] != flat[:-1]) + 1])
    cm = np.maximum.accumulate(flat[runs])
    step = np.empty(cm.size, bool)
    step[0] = cm[0] != 0
    step[1:] = cm[1:] != cm[:-1]
    return runs[step].astype(np.float64)


def face_planes(d):
    """(left labels, right labels, left values, right values) as 2D planes: the
    last plane before the middle of the first axis and the first after it (2D:
    rows, as (1, width) planes)."""
    lab, _ = block_labels(d)
    b = lab.shape[0] // 2
    planes = [lab[b - 1], lab[b], d.binary[b - 1], d.binary[b]]
    return [np.ascontiguousarray(p).reshape((1, -1) if d.ndim == 2 else p.shape) for p in planes]


def face_starts(shape):
    """The chunk starts along the plane's x and y (numpy order: shape (h, w))."""
    h, w = shape
    return list(range(0, w, FACE_CHUNK)), list(range(0, h, FACE_CHUNK))


def np_faces(left, right, lv, rv, conn):
    """The sorted unique (left block, left label, right block, right label) of the
    foreground pixel pairs facing each other across the boundary at one in-plane
    offset of at most conn - 1 nonzero steps; blocks by*nbx+bx on the plane's grid.
    Binary values: any two foreground pixels join."""
    h, w = left.shape
    xs, ys = face_starts(left.shape)
    bx = np.searchsorted(xs, np.arange(w), "right") - 1
    by = np.searchsorted(ys, np.arange(h), "right") - 1
    blk = (by[:, None] * len(xs) + bx[None, :]).astype(np.int64)
    assert blk.max() < 1 << 10 and max(int(left.max()), int(right.max())) < 1 << 22  # the key packing below
    keys = []
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            if 1 + (dy != 0) + (dx != 0) > conn or (h == 1 and dy != 0):
                continue
            ls = (slice(max(0, -dy), h - max(0, dy)), slice(max(0, -dx), w - max(0, dx)))
            rs = (slice(max(0, dy), h - max(0, -dy)), slice(max(0, dx), w - max(0, -dx)))
            m = (left[ls] != 0) & (right[rs] != 0) & lv[ls] & rv[rs]
            lk = blk[ls][m] << 22 | left[ls][m].astype(np.int64)
            rk = blk[rs][m] << 22 | right[rs][m].astype(np.int64)
            keys.append(lk << 32 | rk)
    k = np.unique(np.concatenate(keys))
    lk, rk = k >> 32, k & 0xFFFFFFFF
    out = np.stack([lk >> 22, lk & (1 << 22) - 1, rk >> 22, rk & (1 << 22) - 1], axis=1)
    return out.astype(np.float64).ravel()


@row("label_block_firsts", "first pixel of each label (gips.dask.label's block pass)",
     note="the binary input labelled by scipy (26 / 8-connected, uint32) as one block; "
     "numpy: run starts where the running maximum steps up")
def _(d):
    return [Impl("numpy", lambda d: np_firsts(block_labels(d)[0]))]


@row("label_relabel_table", "labels through a lookup table (gips.dask.label's block pass)",
     note="the binary input labelled by scipy (uint32), a permutation table of int32; numpy: np.take")
def _(d):
    return [Impl("numpy", lambda d: np.take(relabel_table(d), block_labels(d)[0]))]


@row("label_block_faces", "label pairs across a chunk boundary (gips.dask.label's block pass)",
     note=f"the labelled binary input's two planes (rows in 2D) either side of the middle of the first axis, "
     f"chunks of {FACE_CHUNK} along the plane, full connectivity; numpy: masks per offset, np.unique of packed keys")
def _(d):
    return [Impl("numpy", lambda d: np_faces(*face_planes(d), d.ndim))]


def _gips_faces(op, d):
    p = face_planes(d)
    xs, ys = face_starts(p[0].shape)
    return op(*p, x_starts=xs, y_starts=ys, connectivity=d.ndim)


GIPS.update(
    {
        "label_block_firsts": (["label.blockFirsts"], lambda op, d: op(block_labels(d)[0])),
        "label_relabel_table": (["label.relabelTable"], lambda op, d: op(block_labels(d)[0], relabel_table(d).reshape(1, -1))),
        "label_block_faces": (["label.blockFaces"], _gips_faces),
    }
)
