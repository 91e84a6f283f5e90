"""Ops run out of core on files (Go package stream): the inputs are
memory-mapped and the output file written slab by slab, the process's peak
resident memory bounded by a budget rather than by the volume."""

import os

from . import _lib
from ._ops import _params


def runFile(name, *inputs, out=None, memory=None, **params):
    """Runs the op `name` on the image files `inputs` (uncompressed TIFF,
    .npy, raw) out of core and writes its image to the file `out` (.npy,
    .tif, .raw), slab by slab of z planes within `memory` (bytes, or a size
    such as "256MiB"; None: a quarter of RAM). Parameters are the op's, as
    its function takes them (per-axis values in numpy order). The output
    equals the in-memory run's (local ops, transform.zoom and resample at
    orders 0 and 1, label.components, distance.edt); measure.labelAnalysis
    (and measure.labelIntensityAnalysis, labels then intensity file) returns
    its Table (every column of a volume's but intensityStd and
    intensityMedian) and takes no `out`. An error leaves no output
    file. Returns {"slabs", "planes", "halo", "budget"} for an image op.

    >>> gips.runFile("filter.gaussian", "big.npy", out="smooth.npy", memory="4GiB", sigma=1)
    """
    req = {"op": name, "params": _params(name, params), "inputs": [os.fspath(p) for p in inputs],
           "output": os.fspath(out) if out is not None else ""}
    if memory is not None:
        req["memory"] = memory
    rep = _lib.call("stream_run", req)
    if "result" in rep:
        from ._ops import _result
        return _result(rep["result"], [])
    return rep
