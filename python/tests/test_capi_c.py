"""The C API from a C program: gips_op_run on a caller's buffer, with the
caller's allocator, a scalar result and an error."""

import os
import shutil
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.join(HERE, "..", "gips")


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler")
def test_c_program(tmp_path):
    exe = tmp_path / "smoke"
    subprocess.run(["cc", "-O1", "-o", str(exe), os.path.join(HERE, "c", "smoke.c"), "-I", PKG,
                    os.path.join(PKG, "_gips.so"), "-Wl,-rpath," + os.path.abspath(PKG)], check=True)
    out = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0] == 'inplace 0 {"kind":"image"} 11 65535'
    assert out[1].startswith('alloc 0 {"returns":"image","geometry":{"type":"UInt16"') and out[1].endswith(" 24")
    assert out[2] == 'sum 0 {"kind":"number","value":65600}'
    assert out[3].startswith("error 3 1 arith.addScalar: parameter value is required")
