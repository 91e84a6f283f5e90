"""The scanner's rules on hand-written disassembly: what it must fail, what
it must let pass. Independent of what the compiler emits today."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import ssescan  # noqa: E402

G = "github.com/gipsdev/gips/"


def dump(name, body):
    lines = [f"0000000000001000 <{name}>:"]
    for i, insn in enumerate(body):
        lines.append(f"    {0x1000 + 4 * i:x}:\t{insn}")
    return "\n".join(lines) + "\n"


def where(body, name=G + "pkg.kernel"):
    funcs = ssescan.parse(dump(name, body))
    return [(h.mnemonic, h.where) for h in ssescan.scan_function(funcs.get(name, []))]


def loop(*insns):
    """A function whose body from its second instruction loops back."""
    head = ["push   %rbp"]
    return head + list(insns) + ["jne    1004 <x>", "ret"]


def test_legacy_write_in_a_vector_loop_fails():
    hits = where(loop("vmovdqu (%rax),%ymm1", "xorps  %xmm3,%xmm3", "vpaddb %ymm1,%ymm2,%ymm2"))
    assert hits == [("xorps", "inner")]


def test_legacy_load_and_register_copy_fail():
    hits = where(loop("vmovdqu64 (%rax),%zmm1", "movups 0x78(%rsp),%xmm1",
                      "movups %xmm15,%xmm7", "cvtsi2sd %rcx,%xmm3"))
    assert hits == [("movups", "inner"), ("movups", "inner"), ("cvtsi2sd", "inner")]


def test_stores_and_moves_to_general_registers_pass():
    # No xmm register written: no false dependency, no blend.
    hits = where(loop("vmovdqu (%rax),%ymm1", "movups %xmm15,(%rdx)",
                      "movq   %xmm0,%rax", "cvttsd2si %xmm1,%r12"))
    assert hits == []


def test_vex_and_mask_instructions_pass():
    hits = where(loop("vmovdqu (%rax),%ymm1", "vxorps %xmm3,%xmm3,%xmm3",
                      "kmovq  %k1,%rax", "vmovsd 0x8(%rsp),%xmm0"))
    assert hits == []


def test_loop_without_wide_vectors_is_not_inner():
    # Scalar VEX (VFMADD231SD) on xmm only: a setup loop, not a SIMD loop.
    hits = where(loop("vfmadd231sd %xmm1,%xmm2,%xmm3", "minsd  %xmm3,%xmm4"))
    assert hits == []


def test_outer_loop_around_a_vector_loop_is_outer():
    body = ["push   %rbp",
            "movups 0x10(%rsp),%xmm1",         # 1004: outer loop head
            "vmovdqu (%rax),%ymm1",            # 1008: inner loop head
            "vpaddb %ymm1,%ymm2,%ymm2",
            "jne    1008 <x>",
            "jne    1004 <x>",
            "movss  0x8(%rsp),%xmm0",          # after both loops: once per call
            "ret"]
    assert where(body) == [("movups", "outer"), ("movss", "")]


def test_entry_retry_jump_is_not_a_loop():
    # Go's stack-growth path jumps back to the function's first instruction.
    body = ["cmp    0x10(%r14),%rsp", "vmovdqu (%rax),%ymm1",
            "xorps  %xmm3,%xmm3", "jmp    1000 <x>"]
    assert where(body) == [("xorps", "")]


def test_prefixed_instructions_and_other_packages():
    text = dump("runtime.memmove", loop("vmovdqu (%rax),%ymm1", "xorps %xmm3,%xmm3"))
    text += dump(G + "pkg.k", loop("vmovdqu (%rax),%ymm1", "rep stos %rax,(%rdi)",
                                   "xorps %xmm3,%xmm3"))
    funcs = ssescan.parse(text)
    assert list(funcs) == [G + "pkg.k"]
    assert [h.mnemonic for h in ssescan.scan_function(funcs[G + "pkg.k"])] == ["xorps"]


def test_allow_file(tmp_path):
    f = tmp_path / "allow.txt"
    f.write_text("# comment\npkg.kernel  once per block, measured harmless\n\n")
    assert ssescan.read_allow(str(f)) == {"pkg.kernel": "once per block, measured harmless"}
