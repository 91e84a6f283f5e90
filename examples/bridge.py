"""The numpy bridge: gips works on numpy's memory, padded or flipped, with
no copy, and says so.

    PYTHONPATH=python /usr/bin/python3 examples/bridge.py
"""

import numpy as np

import gips


def main():
    big = np.arange(4 * 6 * 10, dtype=np.uint16).reshape(4, 6, 10)
    padded = big[:, :, :8]                        # lines padded by 2 pixels: strides (120, 20, 2)
    flipped = big[::-1, ::-1]                     # planes and rows in reverse
    for name, a in (("padded", padded), ("flipped", flipped)):
        img = gips.fromArray(a)
        print(f"{name:8s} shape {a.shape} strides {a.strides}: shared = {img.shared}, "
              f"shares memory = {np.shares_memory(img.array, big)}")
    before = padded.copy()
    gips.arith.addScalar(padded, 1000, out=padded)   # in place, through the padded view
    assert (padded == before + 1000).all() and (big[:, :, 8:] < 1000).all()  # the padding is untouched
    step = big[:, :, ::2]                         # a step along x: planes must be copied
    img = gips.fromArray(step)
    print(f"step 2   shape {step.shape}: shared = {img.shared} ({img.copyReason})")
    return img


if __name__ == "__main__":
    main()
