"""scipy's coordinates layout for gips.transform.mapCoordinates, written by
hand: the generated op takes the coordinates as a gips image with one
channel per image axis, x first; scipy.ndimage.map_coordinates takes an
array of shape (image.ndim, ...) in numpy axis order, and its output has
the shape coordinates.shape[1:]. A plain numpy array of that shape is
converted here (a view with the channels reversed; float64); a 1D list
of points gives a 1D numpy array. Anything else goes to the op as it is."""

import numpy as np

from . import transform as _transform
from ._image import Image, fromArray
from ._types import Geometry

_op = _transform.mapCoordinates


def _ndim(image):
    if isinstance(image, Image):
        g = image.geometry
        return None if g._wire.get("sizeC", 1) != 1 or g._wire.get("sizeT", 1) != 1 else len(g.shape)
    return getattr(image, "ndim", None)


def mapCoordinates(image, coordinates, order=3, mode="constant", cval=0.0, output="same", *, out=None):
    nd = _ndim(image)
    c = coordinates
    if not (isinstance(c, np.ndarray) and nd in (2, 3) and c.ndim in (2, 3, 4) and c.shape[0] == nd
            and 0 not in c.shape):
        return _op(image, coordinates, order=order, mode=mode, cval=cval, output=output, out=out)
    pts = c.shape[1:]
    grid = pts if len(pts) > 1 else (1,) + pts  # a 1D list of points: one row
    c = np.asarray(c, np.float64).reshape((nd,) + grid)[::-1]  # x first
    sx, sy = grid[-1], grid[-2]
    sz = grid[0] if len(grid) == 3 else 1
    g = Geometry("Real64", sx, sy, sz, sizeC=nd, color="multichannel", volume=len(grid) == 3)
    img = fromArray(c if len(grid) == 3 else c[:, None], g)
    r = _op(image, img, order=order, mode=mode, cval=cval, output=output, out=out)
    if out is not None or len(pts) > 1:
        return r
    return (r.array if isinstance(r, Image) else np.asarray(r)).reshape(pts)  # points in a list: a 1D array


mapCoordinates.__doc__ = _op.__doc__.replace(
    "    Parameters", "    The coordinates may also be given as scipy takes them: a numpy array\n"
    "    of shape (image.ndim, ...) in numpy axis order (z, y, x); the output\n"
    "    then has the shape coordinates.shape[1:].\n\n    Parameters", 1)
