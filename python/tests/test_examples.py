"""The gallery (examples/) runs, writes its pictures and tables, and its
numbers agree with the same pipeline in scipy / scikit-image."""

import os
import subprocess
import sys
import zlib

import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")
sys.path.insert(0, EXAMPLES)


def _png_size(path):
    """Width and height from the PNG's header, after checking the IHDR CRC."""
    b = open(path, "rb").read()
    assert b[:8] == b"\x89PNG\r\n\x1a\n"
    assert zlib.crc32(b[12:29]) & 0xFFFFFFFF == int.from_bytes(b[29:33], "big")
    return int.from_bytes(b[16:20], "big"), int.from_bytes(b[20:24], "big")


def _run(script, tmp_path, *args):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([os.path.join(HERE, ".."), EXAMPLES]))
    r = subprocess.run([sys.executable, os.path.join(EXAMPLES, script), "--out", str(tmp_path), *args],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_coins_counts_what_scipy_counts(tmp_path):
    import scipy.ndimage as ndi
    import skimage.data
    from skimage.filters import threshold_otsu
    from skimage.morphology import disk, remove_small_objects
    out = _run("coins.py", tmp_path)
    n = int(out.split()[0])
    c = skimage.data.coins()
    smooth = np.floor(ndi.gaussian_filter(c.astype(np.float64), 2.0) + 0.5).astype(np.uint8)
    flat = ndi.white_tophat(smooth, footprint=disk(40))
    mask = ndi.binary_fill_holes(flat > threshold_otsu(flat))
    lab, _ = ndi.label(remove_small_objects(ndi.label(mask)[0], 100))
    assert n == lab.max() == 24  # every coin of the picture
    assert _png_size(tmp_path / "coins.png") == (c.shape[1], c.shape[0])
    rows = open(tmp_path / "coins.csv").read().splitlines()
    assert len(rows) == n + 1 and rows[0].startswith("label")


def test_blobs3d_splits_touching_objects_within_the_mask(tmp_path):
    import coins  # noqa: F401  (the examples import as modules too)
    import blobs3d
    n0, n, objects, vol = blobs3d.main(str(tmp_path), size=48)
    lab = np.asarray(objects.array)
    assert n >= n0 > 0
    np.testing.assert_array_equal(lab != 0, vol)          # the objects tile the blobs exactly
    assert _png_size(tmp_path / "blobs3d.png") == (3 * 48, 48)


def test_bridge_shares_memory():
    import bridge
    img = bridge.main()
    assert img.shared is False


def test_go_example_runs(tmp_path):
    go = os.environ.get("GO", "go")
    root = os.path.join(HERE, "..", "..")
    try:
        r = subprocess.run([go, "run", "./examples/separate", "-size", "48", "-out", str(tmp_path)],
                           cwd=root, capture_output=True, text=True, timeout=600)
    except FileNotFoundError:
        pytest.skip("no go command")
    assert r.returncode == 0, r.stderr
    assert "objects" in r.stdout
    assert _png_size(tmp_path / "separate.png")[0] == 48
