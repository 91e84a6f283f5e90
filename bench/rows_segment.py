"""Rows of the labelling, distance and segmentation families beyond rows.py's
`label` and `edt`: face-connected labelling, the anisotropic distance transform and
the seeded watershed (issues 11 and 15). Loaded by rows.py."""

import cv2
import numpy as np
import scipy.ndimage as ndi
from skimage.measure import label as sk_label
from skimage.segmentation import watershed as sk_watershed

from rows import GIPS, Check, Close, Impl, SamePartition, row

# EDT pixel sizes in numpy order (z, y, x); 2D uses the last two.
SAMPLING = (2.0, 1.0, 0.5)

# Local-minimum window of the watershed's seeds: a few thousand seeds in each input.
SEED_WINDOW = {2: 25, 3: 5}

_flood = {}


def flood_input(d):
    """The watershed's image and markers, built once per input (outside the timed
    calls): the grey image inverted (the blobs become basins) and smoothed by a
    Gaussian of sigma 2 in its own type; the markers are the local minima of that
    image (windows of SEED_WINDOW) inside the blobs, each plateau one label, int32."""
    if d.ndim not in _flood:
        img = ndi.gaussian_filter(d.maxval - d.grey, 2.0)
        k = SEED_WINDOW[d.ndim]
        minima = (ndi.minimum_filter(img, size=k) == img) & d.binary
        markers = ndi.label(minima)[0].astype(np.int32)
        _flood[d.ndim] = (img, markers)
    return _flood[d.ndim]


@row("label_faces", "connected components (4 / 6-connected)", check=SamePartition())
def _(d):
    peers = [
        Impl("scipy", lambda d: ndi.label(d.binary)[0]),
        Impl("skimage", lambda d: sk_label(d.binary, connectivity=1)),
    ]
    if d.ndim == 2:
        peers.append(Impl("opencv", lambda d: cv2.connectedComponents(d.binary_u8, connectivity=4, ltype=cv2.CV_32S)[1]))
    return peers


@row(
    "edt_aniso",
    "Euclidean distance transform, anisotropic pixels",
    dims=(2,),  # scipy's 3D EDT alone takes about 20 s a call
    check=Close(1e-3, "float32 vs float64", rtol=1e-6),
    note=f"sampling (z, y, x) {SAMPLING}; 2D only (scipy's 3D transform takes ~20 s)",
)
def _(d):
    return [Impl("scipy", lambda d: ndi.distance_transform_edt(d.binary, sampling=SAMPLING[-d.ndim:]))]


@row(
    "watershed",
    "seeded watershed, faces",
    check=Close(0),
    note="the inverted grey image smoothed (Gaussian sigma 2, same type); markers: its local minima "
    f"(windows {SEED_WINDOW[2]} / {SEED_WINDOW[3]}) inside the blobs (3032 / 1986 in the full inputs); identical labels expected",
)
def _(d):
    return [Impl("skimage", lambda d: sk_watershed(*flood_input(d), connectivity=1))]


@row(
    "watershed_line",
    "seeded watershed, faces, watershed lines",
    check=Close(0),
    note="the watershed row's input and markers, watershed_line=True; identical labels expected",
)
def _(d):
    return [Impl("skimage", lambda d: sk_watershed(*flood_input(d), connectivity=1, watershed_line=True))]


class FewDiffer(Check):
    """The same pixels reached, labels differing on at most `frac` of them."""

    def __init__(self, frac, why):
        self.frac = frac
        self.desc = f"labels differ on <= {frac:.1%} of the pixels ({why})"

    def __call__(self, ref, got):
        ref, got = np.asarray(ref), np.asarray(got)
        if ref.shape != got.shape:
            return False, f"shape {got.shape} != {ref.shape}"
        if not np.array_equal(ref != 0, got != 0):
            return False, "a different set of pixels reached"
        f = float(np.count_nonzero(ref != got)) / ref.size
        return f <= self.frac, f"{f:.3%} of the pixels differ"


@row(
    "watershed_raster",
    "seeded watershed, faces, equal-valued markers in raster order",
    check=FewDiffer(0.01, "exact_ties=False: markers sharing a value leave the queue in raster order, not skimage's heap order"),
    note="the watershed row's input; gips with exact_ties=False (documented difference: pixels that markers of one value "
    "compete for); skimage's exact call as the peer",
)
def _(d):
    return [Impl("skimage", lambda d: sk_watershed(*flood_input(d), connectivity=1))]


GIPS.update(
    {
        "watershed_raster": (["segment.watershed"], lambda op, d: op(*flood_input(d), connectivity=1, exact_ties=False)),
        "label_faces": (["label.components"], lambda op, d: op(d.binary, connectivity=1)),
        "edt_aniso": (["distance.edt"], lambda op, d: op(d.binary, sampling=list(SAMPLING[-d.ndim:]))),
        "watershed": (["segment.watershed"], lambda op, d: op(*flood_input(d), connectivity=1)),
        "watershed_line": (["segment.watershed"], lambda op, d: op(*flood_input(d), connectivity=1, watershed_line=True)),
    }
)
