"""A Go runtime does not survive fork(): gips refuses to run in a forked
child, and works in a spawned one."""

import multiprocessing as mp
import os

import numpy as np
import pytest

import gips


def _sizeX(n):
    return gips.createImage(gips.UInt8, n, 2).sizeX


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")
def test_forked_child_refuses_clearly():
    gips.createImage(gips.UInt8, 2, 2)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no pytest machinery, just report through the pipe
        try:
            gips.createImage(gips.UInt8, 2, 2)
            msg = b"ran"
        except gips.GipsError as e:
            msg = str(e).encode()
        os.write(w, msg)
        os._exit(0)
    os.close(w)
    msg = os.read(r, 1000).decode()
    os.waitpid(pid, 0)
    assert "spawn" in msg


def _total(img):
    return gips.stats.sum(img), img.geometry


def test_spawn_works_and_images_pickle():
    img = gips.fromArray(np.arange(24, dtype=np.uint16).reshape(2, 3, 4)[:, ::-1])
    rgb = gips.createImageRgb(gips.Real32, 4, 3)
    with mp.get_context("spawn").Pool(1) as pool:
        assert pool.map(_sizeX, [3, 4]) == [3, 4]
        assert pool.map(_total, [img, rgb]) == [(276.0, img.geometry), (0.0, rgb.geometry)]
    assert np.asarray(gips.createImage(gips.UInt8, 2, 2)).shape == (2, 2)
