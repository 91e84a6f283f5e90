"""The generated op functions called from C (python/gips/_opfunc.c): each
is the same function as its Python definition (its __wrapped__), for
results, errors, signature, docs, help and pickling."""

import copy
import inspect
import pickle
import pydoc

import numpy as np
import pytest

import gips
from gips import _gen, _ops

pytestmark = pytest.mark.skipif(getattr(_ops._fast, "bind", None) is None, reason="built without _fastcall")

RNG = np.random.default_rng(11)


def _bound():
    """Every generated function the families bound: (registry name, function)."""
    out = []
    for name in gips.ops():
        fam, short = name.split(".", 1)
        fn = getattr(getattr(gips, fam), _gen.pyname(short))
        if hasattr(fn, "__wrapped__"):
            out.append((name, fn))
    return out


def test_plain_ops_are_bound_and_others_are_not():
    bound = dict(_bound())
    assert len(bound) > 80  # most of the registry
    for name in gips.ops():
        d = _ops._registry()[name]
        fam, short = name.split(".", 1)
        fn = getattr(getattr(gips, fam), _gen.pyname(short))
        if not inspect.getsourcefile(inspect.unwrap(fn)).endswith(f"gips/{fam}.py"):
            continue  # replaced by a hand-written function (transform.mapCoordinates)
        assert (name in bound) == _gen.plain(d), name
        if name in bound:
            assert type(fn).__name__ == "OpFunc" and inspect.isfunction(fn.__wrapped__)


def test_signature_doc_name_help_and_pickle_are_the_functions():
    for name, fn in _bound():
        py = fn.__wrapped__
        assert inspect.signature(fn) == inspect.signature(py), name
        assert fn.__doc__ == py.__doc__ and fn.__name__ == py.__name__, name
        assert fn.__qualname__ == py.__qualname__ and fn.__module__ == py.__module__ == "gips." + name.split(".")[0]
        assert pickle.loads(pickle.dumps(fn)) is fn
        assert copy.deepcopy(fn) is fn
    fn = gips.threshold.hysteresis
    text = pydoc.render_doc(fn, renderer=pydoc.plaintext)
    assert "hysteresis(image, low, high, connectivity=1, *, out=None)" in text
    assert "Registry name: ``threshold.hysteresis``" in text
    text = pydoc.render_doc(gips.threshold, renderer=pydoc.plaintext)  # listed as the module's functions
    assert "FUNCTIONS" in text and "    hysteresis(image, low, high, connectivity=1, *, out=None)" in text
    assert fn.__defaults__ == fn.__wrapped__.__defaults__ == (1,)  # other attributes: the function's
    assert "threshold.hysteresis" in repr(fn)


def _same(a, b):
    a, b = (np.asarray(x.array if hasattr(x, "array") else x) for x in (a, b))
    np.testing.assert_array_equal(a, b)
    assert a.dtype == b.dtype


def test_every_way_of_passing_arguments_is_the_pythons():
    img = RNG.integers(0, 200, (20, 30)).astype(np.uint8)
    f32 = RNG.random((20, 30), dtype=np.float32)
    h = gips.threshold.hysteresis
    calls = [
        (h, (img, 50, 120), {}),  # parameters by position, a default left out
        (h, (img, 50), {"high": 120, "connectivity": 2}),
        (h, (img,), {"connectivity": 2, "high": 120, "low": 50}),  # keywords in any order
        (gips.filter.gaussian, (f32,), {}),  # every parameter a default
        (gips.filter.gaussian, (f32, 2.0, 3.0), {"mode": "nearest"}),
        (gips.filter.gaussian, (f32, (1.0, 2.5)), {"output": "same"}),
        (gips.arith.add, (img, img), {}),
        (gips.threshold.light, (img, 100), {}),
        (gips.stats.mean, (f32,), {}),  # a number, no out
    ]
    for fn, args, kw in calls:
        assert fn is not fn.__wrapped__
        _same(fn(*args, **kw), fn.__wrapped__(*args, **kw))


def test_out_is_passed_as_the_function_passes_it():
    a = RNG.integers(0, 100, (8, 8)).astype(np.uint8)
    b = RNG.integers(0, 100, (8, 8)).astype(np.uint8)
    want = a + b
    out = np.zeros_like(a)
    assert gips.arith.add(a, b, out=out) is out
    np.testing.assert_array_equal(out, want)
    assert gips.arith.add(a, b, out=a) is a  # in place
    np.testing.assert_array_equal(a, want)
    img = gips.fromArray(np.zeros_like(b))
    assert gips.arith.add(b, b, out=img) is img  # into an Image: run's Python path
    np.testing.assert_array_equal(img.array, b + b)


def test_bad_calls_raise_pythons_type_error():
    img = np.zeros((4, 5), np.uint8)
    h = gips.threshold.hysteresis
    bad = [
        ((), {}),  # no image
        ((img,), {"low": 1}),  # a required parameter missing
        ((img, 1, 2, 1, 9), {}),  # too many by position
        ((img, 1, 2), {"low": 1}),  # given twice
        ((img, 1, 2), {"bogus": 3}),  # unknown keyword
        ((img, 1, 2, 1, None), {}),  # out is keyword-only
    ]
    for args, kw in bad:
        with pytest.raises(TypeError) as got:
            h(*args, **kw)
        with pytest.raises(TypeError) as want:
            h.__wrapped__(*args, **kw)
        assert str(got.value) == str(want.value)
    with pytest.raises(ValueError, match="low"):  # the op's own checks still reach the caller
        h(img, "x", 2)


def test_bind_checks_its_arguments():
    bind = _ops._fast.bind
    f = gips.arith.add.__wrapped__
    with pytest.raises(TypeError):
        bind(f)
    with pytest.raises(ValueError, match="posslots"):
        bind(f, gips.run, "arith.add", 2, ("out",), (None,), object(), (3,))
    with pytest.raises(ValueError, match="default per name"):
        bind(f, gips.run, "arith.add", 2, ("out",), (), object(), ())
    with pytest.raises(TypeError, match="names"):
        bind(f, gips.run, "arith.add", 2, (1,), (None,), object(), ())
    with pytest.raises(ValueError, match="modifies"):  # an input it does not have
        bind(f, gips.run, "arith.add", 2, ("out",), (None,), object(), (), 2)
    with pytest.raises(ValueError, match="modifies"):  # no out to stand for
        bind(f, gips.run, "arith.add", 2, (), (), object(), (), 0)


def test_an_in_place_default_is_the_functions():
    """util.eraseImg writes into its image when no out is given (the
    function's `if out is None: out = image`): bound, it does the same,
    with the value by position or keyword, out=None given or left out,
    and into out when one is given."""
    fn = gips.util.eraseImg
    assert type(fn).__name__ == "OpFunc"
    for args, kw in [((7,), {}), ((), {"value": 7}), ((7,), {"out": None}), ((), {})]:
        for call in (fn, fn.__wrapped__):
            a = np.full((5, 6), 3, np.int16)
            r = call(a, *args, **kw)
            want = kw.get("value", args[0] if args else 0)
            assert r is a and (a == want).all(), (args, kw)
    a, out = np.full((5, 6), 3, np.uint8), np.zeros((5, 6), np.uint8)
    assert fn(a, 9, out=out) is out and (out == 9).all() and (a == 3).all()
    img = gips.fromArray(np.zeros((4, 4), np.float32))
    assert fn(img, 2.5) is img and (img.array == 2.5).all()
    b = np.zeros((3, 4), bool)  # Binary: any non-zero value is 1 (the general path)
    assert fn(b, 5) is b and b.all() and b.view(np.uint8).max() == 1
    for dt in (np.uint8, np.int8, np.uint16, np.int16, np.uint32, np.int32, np.float32, np.float64):
        a = np.zeros((64, 65), dt)  # the flat path: saturated, rounded as the general one
        for v in (-3.5, 2.5, 1e10, -1e10):
            fn(a, v)
            want = v
            if np.dtype(dt).kind in "iu":  # rounded half away from zero, clamped
                info = np.iinfo(dt)
                want = min(max(np.sign(v) * np.floor(abs(v) + 0.5), info.min), info.max)
            assert (a == np.array([want]).astype(dt)[0]).all(), (dt, v)
