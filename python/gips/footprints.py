"""Footprints (flat structuring elements) for gips.morpho and gips.filter,
as numpy bool arrays in numpy axis order, equal to scikit-image's:

    gips.morpho.erode(img, footprint=gips.footprints.disk(3))

The element at index size // 2 along each axis is the centre, as in scipy
(also for even sizes). Written by hand: the op modules are generated from
the registry.
"""

import numpy as np

__all__ = ["box", "cross", "disk", "ball", "diamond", "octahedron"]


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
