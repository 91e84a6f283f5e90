"""Split touching 3D objects: EDT, h-maxima seeds, watershed, measure.

A synthetic volume of touching blobs (scikit-image's binary_blobs) is
separated into objects with the classic distance-map watershed; each object
is measured (volume, surface area, sphericity) and the middle slices of the
three axes are shown side by side with coloured outlines (blobs3d.png).

    PYTHONPATH=python /usr/bin/python3 examples/blobs3d.py [--size N] [--out DIR]
"""

import argparse
import os

import numpy as np
import skimage.data

import gips
from _png import savePng


def main(out, size=96):
    vol = skimage.data.binary_blobs(length=size, n_dim=3, volume_fraction=0.25, blob_size_fraction=0.15, seed=3)
    dist = gips.distance.edt(vol.view(np.uint8))                  # Real32, distance to the background
    seeds = gips.morpho.hMaxima(dist, h=2.0)                       # one seed per object centre
    markers = gips.label.components(seeds)
    objects = gips.segment.watershedMasked(gips.arith.multiplyScalar(dist, -1.0), markers, vol.view(np.uint8))
    table = gips.measure.labelAnalysis(objects, measures="area,surfaceArea,sphericity,equivalentDiameter")
    table.saveCsv(os.path.join(out, "blobs3d.csv"))
    whole = gips.label.components(vol.view(np.uint8))
    n, n0 = len(table["label"]), int(np.asarray(whole.array).max())
    lab, grey = np.asarray(objects.array), vol.astype(np.float32)
    z, y, x = (s // 2 for s in lab.shape)
    views = [gips.measure.overlay(np.ascontiguousarray(g), np.ascontiguousarray(l)).array
             for g, l in ((grey[z], lab[z]), (grey[:, y], lab[:, y]), (grey[:, :, x], lab[:, :, x]))]
    savePng(os.path.join(out, "blobs3d.png"), np.concatenate(views, axis=2))
    print(f"{n0} connected blobs split into {n} objects; median sphericity {np.median(table['sphericity']):.2f}")
    return n0, n, objects, vol


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=".")
    ap.add_argument("--size", type=int, default=96)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    main(a.out, a.size)
