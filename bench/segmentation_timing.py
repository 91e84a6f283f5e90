"""Labelling, EDT and watershed: gips against scipy / scikit-image / OpenCV in one run, on
bench/inputs.py's images (usage: /usr/bin/python3 bench/segmentation_timing.py [2] [3] [ws]).
Times are the median of n runs after a warm-up: wall ms and CPU ms (all threads), so that a
loaded machine still gives comparable CPU ratios."""
import sys, time
import os
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE); sys.path.insert(0, os.path.join(HERE, "..", "python"))
import numpy as np, scipy.ndimage as ndi, cv2, skimage.measure as skm, skimage.segmentation as sks
import gips
from inputs import build

def tm(f, n=3):
    f()
    w, c = [], []
    for _ in range(n):
        t0, c0 = time.perf_counter(), time.process_time()
        f()
        w.append(time.perf_counter() - t0); c.append(time.process_time() - c0)
    return np.median(w) * 1000, np.median(c) * 1000

def show(title, rows):
    g = rows[0][1]
    print(f"  {title}")
    for name, (w, c) in rows:
        print(f"    {name:28s} wall {w:9.1f} ms  cpu {c:9.1f} ms   wall ratio peer/gips {w / g[0]:6.2f}  cpu ratio {c / g[1]:6.2f}")

which = sys.argv[1:] or ["2", "3", "ws"]
for what in which:
    if what in ("2", "3"):
        nd = int(what)
        d = build(nd)
        b = d.binary
        print(nd, "D", b.shape, flush=True)
        full = np.ones((3,) * nd, bool)
        rows = [("gips label.components", tm(lambda: gips.label.components(b, connectivity=0))),
                ("scipy ndi.label", tm(lambda: ndi.label(b, full))),
                ("skimage label", tm(lambda: skm.label(b, connectivity=nd), 1))]
        if nd == 2:
            rows.append(("opencv connectedComponents", tm(lambda: cv2.connectedComponents(d.binary_u8, connectivity=8, ltype=cv2.CV_32S))))
        show("labelling (full connectivity)", rows)
        rows = [("gips distance.edt", tm(lambda: gips.distance.edt(b))),
                ("scipy distance_transform_edt", tm(lambda: ndi.distance_transform_edt(b), 1))]
        if nd == 2:
            rows.append(("opencv distanceTransform", tm(lambda: cv2.distanceTransform(d.binary_u8, cv2.DIST_L2, cv2.DIST_MASK_PRECISE))))
        show("EDT", rows)
    else:
        d = build(3)
        for dt in (np.uint8, np.uint16):
            g = d.grey[:64, :256, :256]
            if dt == np.uint8:
                g = (g >> 8).astype(np.uint8)
            m = ndi.label(g <= np.percentile(g, 1.0))[0].astype(np.int32)
            print("watershed 3D", g.dtype, g.shape, m.max(), "markers", flush=True)
            ref = sks.watershed(g, m)
            got = gips.segment.watershed(g, m).array
            assert np.array_equal(ref, got), "watershed differs"
            show("watershed (connectivity 1)", [("gips segment.watershed", tm(lambda: gips.segment.watershed(g, m), 3)),
                                                ("skimage watershed", tm(lambda: sks.watershed(g, m), 1))])
