"""Count and measure the coins of scikit-image's coins picture.

smooth -> white top-hat (flattens the uneven background) -> Otsu -> fill holes -> label -> remove small objects -> measure ->
outline overlay (coins.png) and a CSV table (coins.csv).

    PYTHONPATH=python /usr/bin/python3 examples/coins.py [--out DIR]
"""

import argparse
import os

import numpy as np
import skimage.data

import gips
from _png import savePng


def main(out):
    coins = skimage.data.coins()                                   # (303, 384) uint8
    smooth = gips.filter.gaussian(coins, sigma=2.0, output="same")
    flat = gips.morpho.whiteTophat(smooth, footprint=gips.footprints.disk(40))  # minus the background
    t = gips.threshold.otsu(flat)
    mask = gips.threshold.light(flat, value=np.nextafter(t, np.inf))   # > t, as skimage's image > threshold_otsu
    filled = gips.morpho.fillHoles(mask)
    labels = gips.label.components(filled, connectivity=1)
    labels = gips.label.removeSmallObjects(labels, min_size=100, connectivity=1)
    labels = gips.label.relabelSequential(labels)
    table = gips.measure.labelAnalysis(labels, measures="area,centroidX,centroidY,equivalentDiameter,perimeter,solidity")
    table.saveCsv(os.path.join(out, "coins.csv"))
    savePng(os.path.join(out, "coins.png"), gips.measure.overlay(coins, labels).array)
    n = len(table["label"])
    print(f"{n} coins, mean area {table['area'].mean():.1f} px, Otsu threshold {t:.1f}")
    return n, table


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=".")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    main(a.out)
