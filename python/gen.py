#!/usr/bin/env python3
"""Generates the Python op functions from the gips op registry.

    make python && cd python && python3 gen.py           (make python-gen)
    python3 gen.py --check     exits 1 when the modules are not current

For every family in the registry (as the built library reports it through
gips_ops) it writes gips/<family>.py: one function per op with a real
signature (inputs, then parameters with their defaults, then out=) and a
docstring from the descriptor (doc, accepted buffer types, each parameter's
kind, range, choices and default, what it returns). It also writes
gips/_families.py, which imports the family modules, and removes family
modules it generated before that the registry no longer has. Run it again
after adding ops: nothing here is edited by hand. (Until it is run, the
package makes functions for new ops at import, without the files.)
"""

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.join(HERE, "gips")


def load(name):
    """A module of the package loaded by path: the package itself is not
    imported, since its generated modules may be stale."""
    spec = importlib.util.spec_from_file_location("_gips_" + name, os.path.join(PKG, name + ".py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def wanted(registry, gen):
    """The files the registry calls for: {file name: source}."""
    families = {}
    for op in registry:
        families.setdefault(op["family"], []).append(op)
    files = {fam + ".py": gen.module_source(fam, fops) for fam, fops in sorted(families.items())}
    files["_families.py"] = gen.families_source(sorted(families))
    return files, sum(len(v) for v in families.values())


def stale(files, gen):
    """Generated files that the registry no longer calls for."""
    out = []
    for name in sorted(os.listdir(PKG)):
        path = os.path.join(PKG, name)
        if name.endswith(".py") and name not in files:
            with open(path) as f:
                if f.readline().rstrip("\n") == gen.MARK:
                    out.append(name)
    return out


def main(argv):
    gen = load("_gen")
    files, n = wanted(load("_lib").call("ops"), gen)
    old = stale(files, gen)
    if "--check" in argv:
        bad = list(old)
        for name, src in files.items():
            path = os.path.join(PKG, name)
            if not os.path.exists(path) or open(path).read() != src:
                bad.append(name)
        if bad:
            print(f"gen.py: out of date: {', '.join(bad)}; run `make python-gen`")
            return 1
        print(f"gen.py: {n} ops, modules current")
        return 0
    for name, src in files.items():
        with open(os.path.join(PKG, name), "w") as f:
            f.write(src)
    for name in old:
        os.remove(os.path.join(PKG, name))
    fams = sorted(f[:-3] for f in files if not f.startswith("_"))
    print(f"gen.py: {n} ops in {len(fams)} families: {', '.join(fams) or '(none)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
