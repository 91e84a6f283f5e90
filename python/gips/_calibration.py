"""gips.Calibration: the physical size of a voxel, with named axes."""

import dataclasses
import math

__all__ = ["Calibration"]


@dataclasses.dataclass(frozen=True)
class Calibration:
    """The physical size of a voxel along x, y and z, and its unit ("um",
    "mm", or "" for none). Named axes, so there is no order question:
    ``gips.Calibration(x=0.5, y=0.5, z=2.0, unit="um")``. The default is
    1 along each axis with no unit, as gips gives a new image. Ops whose
    spacing or sampling defaults to the image's calibration
    (distance.edt, measure.labelAnalysis, ...) read it."""

    x: float = 1.0
    y: float = 1.0
    z: float = 1.0
    unit: str = ""

    def __post_init__(self):
        for name in ("x", "y", "z"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) and not hasattr(v, "__float__"):
                raise TypeError(f"Calibration: {name}={v!r}: want a number")
            v = float(v)
            if not (v > 0) or math.isinf(v):
                raise ValueError(f"Calibration: {name}={v}: want a positive finite size")
            object.__setattr__(self, name, v)
        if not isinstance(self.unit, str):
            raise TypeError(f"Calibration: unit={self.unit!r}: want a str")
        if len(self.unit.encode()) > 23:
            raise ValueError(f"Calibration: unit={self.unit!r}: at most 23 bytes of UTF-8")

    def _wire(self):
        return {"x": self.x, "y": self.y, "z": self.z, "unit": self.unit}

    @classmethod
    def _fromWire(cls, w):
        return cls(w["x"], w["y"], w["z"], w.get("unit", ""))

