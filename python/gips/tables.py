"""Measurement tables in Python form.

gips.measure.labelAnalysis returns a table as the op registry sends it: a
dict {column name: list of numbers}, NaN and infinities as the strings
"NaN", "Inf", "-Inf". `table(t)` makes it a dict of float64 numpy arrays
(the form scikit-image's regionprops_table gives), `toPandas(t)` a
DataFrame (pandas.DataFrame(table(t)) is the same), and `saveCsv(t, path)`
writes the CSV that Go's Table.SaveCsv writes, without units (Go's
header carries them: `gips run measure.labelAnalysis labels.tif`).
"""

import csv

import numpy as np


def table(t):
    """A dict of float64 arrays, one per column, in the table's order."""
    return {k: np.array([float(x) for x in v], np.float64) for k, v in t.items()}


def toPandas(t):
    """The table as a pandas DataFrame (pandas must be installed)."""
    import pandas as pd
    return pd.DataFrame(table(t))


def _fmt(x):
    if x != x:
        return "nan"
    if x in (float("inf"), float("-inf")):
        return "inf" if x > 0 else "-inf"
    if x == int(x) and abs(x) < 2 ** 53:
        return str(int(x))
    return repr(float(x))


def saveCsv(t, path):
    """Writes the table as CSV: a header of column names, then one line per
    row, numbers that read back exactly."""
    cols = table(t)
    names = list(cols)
    n = len(cols[names[0]]) if names else 0
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(names)
        for i in range(n):
            w.writerow([_fmt(cols[k][i]) for k in names])
