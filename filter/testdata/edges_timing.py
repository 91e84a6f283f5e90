"""Times gips' sobel magnitude and gaussianGradientMagnitude(sigma=2) against
scipy.ndimage, scikit-image and OpenCV on the benchmark inputs (2D uint8
4096^2, 3D uint16 512x512x256), in one run. Best of N wall-clock times.

    make python && /usr/bin/python3 filter/testdata/edges_timing.py

Not part of any test (timings assert nothing); the numbers are in the
edges branch report."""
import sys, time
import numpy as np
import os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
import gips, cv2, scipy.ndimage as ndi, skimage.filters as skf

def best(f, n):
    t = []
    for _ in range(n):
        t0 = time.perf_counter(); f(); t.append(time.perf_counter() - t0)
    return min(t)

rng = np.random.default_rng(0)
a2 = rng.integers(0, 256, (4096, 4096), dtype=np.uint8)
a3 = rng.integers(0, 4096, (256, 512, 512), dtype=np.uint16)
rows = []
def row(name, fns, n):
    res = {k: best(f, n) for k, f in fns.items()}
    g = res.pop("gips")
    print(f"{name:40s} gips {g*1e3:8.1f} ms  " + "  ".join(f"{k} {v*1e3:8.1f} ms ({v/g:5.2f}x gips)" for k, v in res.items()), flush=True)

def cv_sobel_mag(a):
    dx = cv2.Sobel(a, cv2.CV_32F, 1, 0, ksize=3, borderType=cv2.BORDER_REFLECT)
    dy = cv2.Sobel(a, cv2.CV_32F, 0, 1, ksize=3, borderType=cv2.BORDER_REFLECT)
    return cv2.magnitude(dx, dy)

# agreement first
g = gips.filter.sobel(a2[:512, :512]).array
s = ndi.generic_gradient_magnitude(a2[:512, :512].astype(np.float32), ndi.sobel)
c = cv_sobel_mag(a2[:512, :512])
print("sobel 2D max diff vs scipy", np.abs(g - s).max(), "vs cv2", np.abs(g - c).max())

n2, n3 = 5, 2
row("sobel magnitude 2D u8 4096^2", {
    "gips": lambda: gips.filter.sobel(a2),
    "scipy": lambda: ndi.generic_gradient_magnitude(a2, ndi.sobel, output=np.float32),
    "skimage": lambda: skf.sobel(a2),
    "opencv": lambda: cv_sobel_mag(a2)}, n2)
row("gaussianGradientMagnitude s=2 2D u8", {
    "gips": lambda: gips.filter.gaussianGradientMagnitude(a2, sigma=2.0),
    "scipy": lambda: ndi.gaussian_gradient_magnitude(a2, 2.0, output=np.float32)}, n2)
row("sobel magnitude 3D u16 512x512x256", {
    "gips": lambda: gips.filter.sobel(a3),
    "scipy": lambda: ndi.generic_gradient_magnitude(a3, ndi.sobel, output=np.float32)}, n3)
row("gaussianGradientMagnitude s=2 3D u16", {
    "gips": lambda: gips.filter.gaussianGradientMagnitude(a3, sigma=2.0),
    "scipy": lambda: ndi.gaussian_gradient_magnitude(a3, 2.0, output=np.float32)}, n3)
