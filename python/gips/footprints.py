"""Footprints (flat structuring elements) for gips.morpho and gips.filter,
as numpy bool arrays in numpy axis order, equal to scikit-image's:

    gips.morpho.erode(img, footprint=gips.footprints.disk(3))

The element at index size // 2 along each axis is the centre, as in scipy
(also for even sizes). Written by hand: the op modules are generated from
the registry.
"""

import numpy as np

__all__ = ["box", "cross", "disk", "ball", "diamond", "octahedron", "line"]


def box(*shape):
    """All true, of the given shape in numpy order: box(5, 7) is 5 rows of
    7 pixels (scipy's size=(5, 7))."""
    return np.ones(shape, dtype=bool)


def cross(ndim=2):
    """The centre and its face neighbours, 3 pixels along each axis:
    scipy.ndimage.generate_binary_structure(ndim, 1)."""
    idx = np.indices((3,) * ndim) - 1
    return np.abs(idx).sum(axis=0) <= 1


def disk(radius):
    """skimage.morphology.disk(radius) as bool: the (2r+1)² pixels within
    Euclidean distance r of the centre."""
    L = np.arange(-radius, radius + 1)
    X, Y = np.meshgrid(L, L)
    return (X ** 2 + Y ** 2) <= radius ** 2


def ball(radius):
    """skimage.morphology.ball(radius) as bool: disk in 3D."""
    L = np.arange(-radius, radius + 1)
    Z, Y, X = np.meshgrid(L, L, L, indexing="ij")
    return (X ** 2 + Y ** 2 + Z ** 2) <= radius * radius


def diamond(radius):
    """skimage.morphology.diamond(radius) as bool: city-block distance <= r."""
    L = np.arange(-radius, radius + 1)
    X, Y = np.meshgrid(L, L)
    return (np.abs(X) + np.abs(Y)) <= radius


def octahedron(radius):
    """skimage.morphology.octahedron(radius) as bool: diamond in 3D."""
    L = np.arange(-radius, radius + 1)
    Z, Y, X = np.meshgrid(L, L, L, indexing="ij")
    return (np.abs(X) + np.abs(Y) + np.abs(Z)) <= radius


def line(length, angle):
    """A segment of `length` pixels at `angle` degrees (counter-clockwise
    from +x, rows going down), as gips' morpho.Line: the pixels
    skimage.draw.line draws between (cy -+ dy, cx -+ dx), dx = round(h cos),
    dy = round(-h sin), h = (length - 1) / 2, rounded half away from zero."""
    def rnd(x):
        return int(np.sign(x) * np.floor(abs(x) + 0.5))
    h = (length - 1) / 2
    th = np.deg2rad(angle)
    dx, dy = rnd(h * np.cos(th)), rnd(-h * np.sin(th))
    fp = np.zeros((2 * abs(dy) + 1, 2 * abs(dx) + 1), bool)
    cy, cx = abs(dy), abs(dx)
    r0, c0, r1, c1 = cy - dy, cx - dx, cy + dy, cx + dx
    # skimage.draw.line's Bresenham walk
    r, c, dr, dc = r0, c0, abs(r1 - r0), abs(c1 - c0)
    sc, sr = (1 if c1 - c > 0 else -1), (1 if r1 - r > 0 else -1)
    steep = dr > dc
    if steep:
        c, r, dc, dr, sc, sr = r, c, dr, dc, sr, sc
    d = 2 * dr - dc
    for _ in range(dc):
        fp[(c, r) if steep else (r, c)] = True
        while d >= 0:
            r += sr
            d -= 2 * dc
        c += sc
        d += 2 * dr
    fp[r1, c1] = True
    return fp
