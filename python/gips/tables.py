"""Measurement tables in Python form.

gips.measure.labelAnalysis returns a `Table`: a dict {column name: float64
numpy array} in the table's column order (the form scikit-image's
regionprops_table gives), with the columns' units in `.units`,
`.toPandas()` (pandas.DataFrame(t) is the same) and `.saveCsv(path)`, which
writes the CSV that Go's Table.SaveCsv writes, units in the header.
`table(t)`, `toPandas(t)` and `saveCsv(t, path)` take any dict of columns.
"""

import csv

import numpy as np


class Table(dict):
    """A measurement table: {column: float64 array}, rows sorted by label."""

    def __init__(self, columns, units=None):
        super().__init__((k, _column(v)) for k, v in columns.items())
        self.units = dict(units or {})

    def toPandas(self):
        """The table as a pandas DataFrame (pandas must be installed)."""
        return toPandas(self)

    def saveCsv(self, path):
        """Writes the table as CSV, units in the header ("centroidX [um]")."""
        saveCsv(self, path)


def _column(v):
    """A float64 array of v: a float64 array as it is (the columns gips
    sends in blocks), anything else value by value (JSON's "nan" and
    "inf" texts too)."""
    if isinstance(v, np.ndarray) and v.dtype == np.float64:
        return v
    return np.array([float(x) for x in v], np.float64)


def table(t):
    """A dict of float64 arrays, one per column, in the table's order."""
    return {k: _column(v) for k, v in t.items()}


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
    units = getattr(t, "units", {})
    n = len(cols[names[0]]) if names else 0
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"{k} [{units[k]}]" if units.get(k) else k for k in names])
        for i in range(n):
            w.writerow([_fmt(cols[k][i]) for k in names])
