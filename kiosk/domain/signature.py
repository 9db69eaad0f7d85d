"""A handwritten signature as the pad captured it: the strokes with their timing (原笔迹),
not only a picture (TRUST.md: what makes a touchscreen signature worth something), and the
check that it is a signature at all (an empty pad, a dot or a scratch in a corner is not).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

MIN_POINTS = 12
MIN_EXTENT = 0.15  # of the pad's width: wider than a dot or a slip of the finger
MIN_PATH = 0.4  # total ink, in pad widths
MIN_MS = 250  # a real signature takes longer than a tap
REASONS = ("empty", "dot", "too_small", "too_long")  # catalog signature.problem.<reason>
MAX_POINTS = 3000  # what a pad keeps (over half a minute of drawing at 80 Hz)


@dataclass(frozen=True)
class Point:
    """One sample: position on the pad in pixels, milliseconds since the first touch."""

    x: int
    y: int
    t_ms: int


Stroke = tuple[Point, ...]


class NotASignatureError(ValueError):
    """``reason``: "empty", "dot", "too_small" or "too_long" (catalog
    ``signature.problem.<reason>``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Signature:
    """The strokes on a pad of ``width`` x ``height`` pixels."""

    strokes: tuple[Stroke, ...]
    width: int
    height: int

    @property
    def points(self) -> int:
        """How many samples in all."""
        return sum(len(s) for s in self.strokes)

    def record(self) -> dict[str, object]:
        """As it goes into the signed document: the pad size and every stroke as
        ``[x, y, t_ms]`` triples."""
        return {
            "pad": [self.width, self.height],
            "strokes": [[[p.x, p.y, p.t_ms] for p in s] for s in self.strokes],
        }


def check(sig: Signature) -> Signature:
    """``sig`` if it can be a signature, else :class:`NotASignatureError`."""
    points = [p for s in sig.strokes for p in s]
    if not points:
        raise NotASignatureError("empty")
    if len(points) > MAX_POINTS:
        raise NotASignatureError("too_long")
    width = max(1, sig.width)
    xs, ys = [p.x for p in points], [p.y for p in points]
    extent = max(max(xs) - min(xs), max(ys) - min(ys)) / width
    ink = (
        sum(
            math.dist((a.x, a.y), (b.x, b.y)) for s in sig.strokes for a, b in itertools.pairwise(s)
        )
        / width
    )
    duration = max(p.t_ms for p in points) - min(p.t_ms for p in points)
    if len(points) < MIN_POINTS or extent < MIN_EXTENT / 3 or ink < MIN_PATH / 4:
        raise NotASignatureError("dot")
    if extent < MIN_EXTENT or ink < MIN_PATH or duration < MIN_MS:
        raise NotASignatureError("too_small")
    return sig
