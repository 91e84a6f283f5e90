"""gips.load / gips.save / gips.info against tifffile and numpy (np.load,
np.save), on every dtype gips stores, 2D and 3D, and the calibration of
ImageJ TIFF files written and read by tifffile."""

import numpy as np
import pytest
import tifffile

import gips

# Every numpy dtype that stores a gips buffer type (Binary and the label
# types are stored as uint8 / uint16 / uint32, already in the list).
DTYPES = sorted({np.dtype(gips.geometry2d(t, 2, 2).dtype).str for t in gips.eImageBufferType})
SHAPES = [(5, 7), (4, 5, 7)]


def sample(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    dt = np.dtype(dtype)
    if dt.kind == "f":
        return rng.normal(0, 1000, shape).astype(dt)
    info = np.iinfo(dt)
    return rng.integers(info.min, info.max, shape, dtype=dt, endpoint=True)


def imagejAxes(shape):
    return "ZYX" if len(shape) == 3 else "YX"


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_tifffile_written_read_by_load(tmp_path, dtype, shape):
    a = sample(shape, dtype)
    p = tmp_path / "a.tif"
    tifffile.imwrite(p, a, photometric="minisblack")
    img = gips.load(p)
    assert img.shape == a.shape and img.array.dtype == a.dtype
    np.testing.assert_array_equal(img.array, a)
    assert img.array.flags.writeable and img.array.flags.c_contiguous
    # numpy owns the memory: no Go pointer outlives the call
    assert isinstance(img.array.base, np.ndarray)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_save_read_by_tifffile(tmp_path, dtype, shape):
    a = sample(shape, dtype, 1)
    p = tmp_path / "b.tif"
    gips.save(a, p)
    np.testing.assert_array_equal(tifffile.imread(p), a)
    img = gips.fromArray(a)
    q = tmp_path / "c.tif"
    gips.save(img, q, compression="deflate")
    np.testing.assert_array_equal(tifffile.imread(q), a)
    np.testing.assert_array_equal(gips.load(q).array, a)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_npy_round_trips(tmp_path, dtype, shape):
    a = sample(shape, dtype, 2)
    p = tmp_path / "a.npy"
    np.save(p, a)
    np.testing.assert_array_equal(gips.load(p).array, a)
    q = tmp_path / "b.npy"
    gips.save(gips.fromArray(a), q)
    b = np.load(q)
    assert b.dtype == a.dtype and b.shape == a.shape
    np.testing.assert_array_equal(b, a)


def test_strided_array_saved_as_its_values(tmp_path):
    a = sample((6, 9, 10), np.uint16, 3)[::2, 1::2, ::-1]
    p = tmp_path / "s.tif"
    gips.save(a, p)
    np.testing.assert_array_equal(tifffile.imread(p), a)


def test_png_round_trip(tmp_path):
    cv2 = pytest.importorskip("cv2")
    a = sample((9, 11), np.uint8, 4)
    p = tmp_path / "a.png"
    gips.save(a, p)
    np.testing.assert_array_equal(cv2.imread(str(p), cv2.IMREAD_UNCHANGED), a)
    q = tmp_path / "b.png"
    assert cv2.imwrite(str(q), a)
    np.testing.assert_array_equal(gips.load(q).array, a)


def test_raw_round_trip(tmp_path):
    a = sample((3, 4, 5), np.int16, 5)
    p = tmp_path / "a.raw"
    p.write_bytes(b"HEAD" + a.astype(">i2").tobytes())
    g = gips.geometry3d(gips.Int16, 5, 4, 3)
    np.testing.assert_array_equal(gips.load(p, geometry=g, offset=4, byteOrder="big").array, a)
    q = tmp_path / "b.raw"
    gips.save(a, q)
    np.testing.assert_array_equal(np.fromfile(q, a.dtype).reshape(a.shape), a)


def test_imagej_calibration_read_and_written(tmp_path):
    a = sample((4, 5, 6), np.uint16, 6)
    p = tmp_path / "cal.tif"
    tifffile.imwrite(p, a, imagej=True, resolution=(1 / 0.25, 1 / 0.5),
                     metadata={"spacing": 2.5, "unit": "um", "axes": "ZYX"})
    img = gips.load(p)
    np.testing.assert_array_equal(img.array, a)
    c = img.calibration
    assert (c.x, c.y, c.z, c.unit) == (pytest.approx(0.25), pytest.approx(0.5), pytest.approx(2.5), "um")
    fi = gips.info(p)
    assert fi.calibration == c and fi.shape == a.shape and fi.dtype == a.dtype

    img.calibration = gips.Calibration(0.125, 0.75, 3.0, "mm")
    q = tmp_path / "back.tif"
    gips.save(img, q)
    with tifffile.TiffFile(q) as t:
        np.testing.assert_array_equal(t.asarray(), a)
        md = t.imagej_metadata
        assert md["spacing"] == pytest.approx(3.0) and md["unit"] == "mm"
        xr = t.pages[0].tags["XResolution"].value
        yr = t.pages[0].tags["YResolution"].value
        assert xr[1] / xr[0] == pytest.approx(0.125) and yr[1] / yr[0] == pytest.approx(0.75)
    assert gips.load(q).calibration == gips.Calibration(0.125, 0.75, 3.0, "mm")


def test_info_plane_layout_without_reading(tmp_path):
    a = sample((3, 4, 5), np.float32, 7)
    p = tmp_path / "a.npy"
    np.save(p, a)
    fi = gips.info(p)
    assert fi.mappable and fi.format == "npy" and fi.geometry.sizeZ == 3
    raw = p.read_bytes()
    for z, (off, stride) in enumerate(fi.planes):
        assert stride == 5 * 4
        got = np.frombuffer(raw, np.float32, count=20, offset=off).reshape(4, 5)
        np.testing.assert_array_equal(got, a[z])
    assert fi.copiedPlanes == []
    q = tmp_path / "z.tif"
    tifffile.imwrite(q, a, compression="zlib", photometric="minisblack")
    fz = gips.info(q)
    assert not fz.mappable and fz.planes == [] and fz.shape == a.shape


def test_aliases_and_errors(tmp_path):
    a = sample((4, 6), np.uint8, 8)
    p = tmp_path / "x.tif"
    gips.saveTiffImageFile(a, p)
    np.testing.assert_array_equal(gips.loadTiffImageFile(p).array, a)
    gips.saveTiffImageFile(str(tmp_path / "y.tif"), a)  # path first also accepted
    np.testing.assert_array_equal(tifffile.imread(tmp_path / "y.tif"), a)
    with pytest.raises(gips.GipsError, match="nope"):
        gips.load(tmp_path / "nope.tif")
    with pytest.raises(gips.GipsError):
        gips.save(a, tmp_path / "x.unknown")
    with pytest.raises(ValueError, match="compression"):
        gips.save(a, tmp_path / "c.tif", compression="lzma")
    with pytest.raises(TypeError):
        gips.load(3)


def test_binary_rgb_and_labels(tmp_path):
    rng = np.random.default_rng(9)
    b = rng.random((2, 9, 13)) > 0.5
    p = tmp_path / "b.tif"
    gips.save(gips.fromBinaryArray(b), p)
    np.testing.assert_array_equal(tifffile.imread(p).astype(bool), b)
    back = gips.load(p)
    assert back.bufferType == gips.Binary
    np.testing.assert_array_equal(back.array != 0, b)
    rgb = sample((3, 6, 7), np.uint8, 10)
    q = tmp_path / "rgb.tif"
    tifffile.imwrite(q, np.moveaxis(rgb, 0, -1), photometric="rgb")  # chunky, as most RGB files
    img = gips.load(q)
    assert img.geometry.colorModel == "rgb"
    np.testing.assert_array_equal(img.array, rgb)
    gips.save(img, tmp_path / "rgb2.tif")
    np.testing.assert_array_equal(gips.load(tmp_path / "rgb2.tif").array, rgb)
    lab = sample((4, 5), np.uint32, 11)
    gips.save(gips.fromLabelArray(lab), tmp_path / "l.npy")
    np.testing.assert_array_equal(np.load(tmp_path / "l.npy"), lab)


def test_image_with_copied_planes_saved(tmp_path):
    a = sample((3, 4, 5), np.uint16, 12)
    src = a.astype(">u2")  # another byte order: gips copies the planes
    img = gips.fromArray(src)
    assert not img.shared
    p = tmp_path / "c.npy"
    gips.save(img, p)
    np.testing.assert_array_equal(np.load(p), a)
