"""Local ops on dask arrays without map_overlap's padded copies (gips.dask
uses it for every op with a halo, except in wrap mode).

map_overlap concatenates each chunk with its neighbours' halo slices into
a new padded block, the op writes a padded output of the same size, and the
trimmed result is a view that keeps that padded output alive: about 2.4
chunks of working memory per block (256³ float32 chunks, halo 8) and 1.2
chunks held for each result chunk. Here each result chunk is computed slab
by slab along axis 0: a slab's padded input (the chunk's planes and the
neighbours' halo pieces, each copied once from where it lies) and the op's
padded output go in two buffers reused for every slab, and the output's
interior is copied into the result chunk, which is exactly the chunk's
size. The slabs are as thick as fits the budget (1.5 times the input
chunk's bytes for both buffers together) but at least four times the halo
along axis 0,
so that the planes computed twice (the halo of each slab) stay a small part
of the work.

The halo pieces are copies made by small tasks on the workers that hold the
neighbouring chunks (as map_overlap's slices are), so only the halo
crosses between workers. A neighbour piece can come from several chunks
away when the chunks are thinner than the halo: nothing is rechunked.
At the array's own faces no padding is added, so the op's border mode
applies there as in the whole-array call; the result equals the whole
array's, for every chunking.
"""

import itertools

import numpy as np

__all__ = ["haloMap"]

# BUDGET: a slab's two buffers together, in input chunks. 1.5 makes two
# slabs of a 256³ chunk with a halo of 8 (6 % more rows computed than the
# padded chunk in one piece, 1.3 chunks of buffers); 1.0 would make three
# (12 %, 0.9 chunks).
BUDGET = 1.5


def _regions(chunks, depth):
    """Per axis and chunk: the chunk's [start, stop) and its padded region's
    [start, stop), clipped to the array."""
    out = []
    for ch, d in zip(chunks, depth):
        b = np.cumsum((0,) + tuple(ch))
        n = int(b[-1])
        out.append([(int(b[i]), int(b[i + 1]), max(0, int(b[i]) - d), min(n, int(b[i + 1]) + d))
                    for i in range(len(ch))])
    return out


def _overlapping(bounds, lo, hi):
    """The chunk indices whose [start, stop) meets [lo, hi)."""
    return [i for i in range(len(bounds) - 1) if bounds[i] < hi and bounds[i + 1] > lo]


def _piece(x, slices):
    """A neighbour's halo piece, copied so that it does not keep the whole
    neighbour chunk alive (nor travel with it)."""
    return np.array(x[tuple(slice(a, b) for a, b in slices)], copy=True)


def _slab_rows(rows, d0, plane_bytes, budget):
    """Output rows per slab along axis 0: as many as keep both buffers'
    padded slab within budget, at least 4 * d0 (so the rows computed twice
    stay a small part), at most the chunk's; then evened out."""
    fit = int(budget // max(plane_bytes, 1)) - 2 * d0
    s = min(rows, max(fit, 4 * d0, 1))
    k = -(-rows // s)
    return -(-rows // k)


def _run(fn, params, out_dtype, d0, box, region, parts, budget):
    """One result chunk: box is its [start, stop) per axis, region the
    padded region's, d0 the halo along axis 0; parts[i] is input i's list
    of (global start, array) covering the region. Returns the chunk,
    exactly its size."""
    from .dask import _release
    nd = len(box)
    rows = box[0][1] - box[0][0]
    inner = [r[1] - r[0] for r in region[1:]]
    dtypes = [parts_i[0][1].dtype for parts_i in parts]
    plane = int(np.prod(inner)) if inner else 1
    plane_bytes = plane * (sum(dt.itemsize for dt in dtypes) + out_dtype.itemsize)
    s = _slab_rows(rows, d0, plane_bytes, budget)
    most = (min(rows, s) + 2 * d0) * plane
    bufs = [np.empty(most, dt) for dt in dtypes]
    obuf = np.empty(most, out_dtype)
    res = np.empty([b[1] - b[0] for b in box], out_dtype)
    if res.size == 0:
        return res
    for z0 in range(box[0][0], box[0][1], s):
        z1 = min(box[0][1], z0 + s)
        a, b = max(region[0][0], z0 - d0), min(region[0][1], z1 + d0)
        lo = [a] + [r[0] for r in region[1:]]
        hi = [b] + [r[1] for r in region[1:]]
        shape = [h - l for l, h in zip(lo, hi)]
        n = int(np.prod(shape))
        ins = []
        for buf, pl in zip(bufs, parts):
            v = buf[:n].reshape(shape)
            for start, arr in pl:
                src, dst = [], []
                for k in range(nd):
                    p0, p1 = max(lo[k], start[k]), min(hi[k], start[k] + arr.shape[k])
                    if p0 >= p1:
                        break
                    src.append(slice(p0 - start[k], p1 - start[k]))
                    dst.append(slice(p0 - lo[k], p1 - lo[k]))
                else:
                    v[tuple(dst)] = arr[tuple(src)]
            ins.append(v)
        o = obuf[:n].reshape(shape)
        fn(*ins, out=o, **params)
        res[z0 - box[0][0]:z1 - box[0][0]] = o[(slice(z0 - a, z1 - a),) +
                                               tuple(slice(bx[0] - r[0], bx[1] - r[0])
                                                     for bx, r in zip(box[1:], region[1:]))]
    del ins, o, bufs, obuf
    _release([res])
    return res


def _task(fn, params, out_dtype, d0, budget):
    def run(box, region, parts):
        return _run(fn, params, out_dtype, d0, box, region, parts, budget)
    return run


def haloMap(name, fn, params, arrays, depth, probe, budget=None):
    """The local op `name` (its gips function fn and parameters) on dask
    arrays of one chunking, with halo `depth` (numpy order) and no padding
    at the array's faces: a dask array of the first array's chunks, equal
    to the op on the whole array. budget: bytes for a slab's two buffers
    (default: BUDGET times the largest input chunk's bytes)."""
    import dask.array as da
    from dask.base import tokenize
    from dask.highlevelgraph import HighLevelGraph

    x0 = arrays[0]
    chunks = x0.chunks
    if budget is None:
        budget = int(BUDGET * max(int(np.prod([max(c) for c in chunks])) * a.dtype.itemsize for a in arrays))
    regions = _regions(chunks, depth)
    bounds = [np.cumsum((0,) + tuple(c)) for c in chunks]
    token = tokenize(name, params, depth, budget, *[a.name for a in arrays])
    out_name = f"gips-{name}-{token}"
    piece_name = f"gips-{name}-halo-{token}"
    run = _task(fn, params, probe.dtype, int(depth[0]), budget)
    dsk = {}
    for bi in itertools.product(*[range(len(c)) for c in chunks]):
        rs = [regions[k][bi[k]] for k in range(len(bi))]
        box = [[r[0], r[1]] for r in rs]
        region = [[r[2], r[3]] for r in rs]
        near = [_overlapping(bounds[k], rs[k][2], rs[k][3]) for k in range(len(bi))]
        parts = []
        for ai, a in enumerate(arrays):
            pl = []
            for cj in itertools.product(*near):
                start = [int(bounds[k][cj[k]]) for k in range(len(cj))]
                if cj == bi:
                    pl.append([start, (a.name,) + cj])
                    continue
                sl = [[max(region[k][0], start[k]) - start[k],
                       min(region[k][1], int(bounds[k][cj[k] + 1])) - start[k]] for k in range(len(cj))]
                key = (piece_name, ai) + bi + cj
                dsk[key] = (_piece, (a.name,) + cj, sl)
                pl.append([[start[k] + sl[k][0] for k in range(len(cj))], key])
            parts.append(pl)
        dsk[(out_name,) + bi] = (run, box, region, parts)
    graph = HighLevelGraph.from_collections(out_name, dsk, dependencies=arrays)
    return da.Array(graph, out_name, chunks, dtype=probe.dtype, meta=probe[:0])
