"""Rows of the util family that no other row calls (issue 15: every registered op
with a peer gets a row): copyImg into a new image and eraseImg in place, against
numpy's copy and fill, at every size as the other memory-bound rows. Loaded by
rows.py.

eraseImg fills its input: each library fills a buffer of its own (the input's
shape and type, made once per input outside the timed calls), so no call sees
another's pixels."""

import numpy as np

from rows import GIPS, Impl, row

ERASE = 7  # the fill value

_scratch = {}


def scratch(d, who):
    """A buffer of d.grey's shape and type for who's fills."""
    key = (who, d.grey.shape, d.grey.dtype)
    if key not in _scratch:
        for k in [k for k in _scratch if k[0] == who]:
            del _scratch[k]
        _scratch[key] = np.zeros_like(d.grey)
    return _scratch[key]


def _filled(a):
    a.fill(ERASE)
    return a


@row("copy_img", "copy an image into a new one", moved=lambda d: 2 * d.grey.nbytes,
     note="numpy: np.copy (C order)")
def _(d):
    return [Impl("numpy", lambda d: np.copy(d.grey))]


@row("erase", f"fill an image with a value ({ERASE}), in place", moved=lambda d: d.grey.nbytes,
     note="numpy: ndarray.fill; each library fills a buffer of its own")
def _(d):
    return [Impl("numpy", lambda d: _filled(scratch(d, "numpy")))]


GIPS.update({
    "copy_img": (["util.copyImg"], lambda op, d: op(d.grey)),
    "erase": (["util.eraseImg"], lambda op, d: op(scratch(d, "gips"), value=ERASE)),
})
