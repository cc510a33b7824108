"""信息采用积分: the office's rules for scoring its units, and the points of one article.

The rules are data in the profile's ``[scoring]`` table (docs/format.md): points for an article
adopted in our own bulletin (``article``, ``brief``, or per ``sections`` or issue ``kinds``
instead), added points for every adoption by a higher outlet by its level (and form: 全文 or
摘要), for every leader's 批示 by level, and how a joint article's points go to its units
(``split`` evenly, or ``full`` to each). Points are exact (``Fraction``): a share of a split
article is never rounded away; ``points_text`` and ``points_number`` give them to readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from .model import Adoption, Instruction

JointRule = Literal["split", "full"]
JOINT_RULES: tuple[JointRule, ...] = ("split", "full")
DEFAULT_ARTICLE_POINTS = Fraction(1)
"""Without ``article``, an article in our bulletin scores 1: the score is then the count."""


@dataclass(frozen=True, slots=True)
class LevelPoints:
    """The points of an adoption at one level: in full (全文) and as a summary (摘要)."""

    full: Fraction
    summary: Fraction


@dataclass(frozen=True, slots=True)
class ScoringRules:
    """The profile's ``[scoring]`` table, read and checked."""

    article: Fraction = DEFAULT_ARTICLE_POINTS
    brief: Fraction | None = None
    """Points for a brief (an item of a ``briefs`` section); ``None``: as ``article``."""
    sections: dict[str, Fraction] = field(default_factory=dict)
    kinds: dict[str, Fraction] = field(default_factory=dict)
    joint: JointRule = "split"
    adoption: dict[str, LevelPoints] = field(default_factory=dict)
    instruction: dict[str, Fraction] = field(default_factory=dict)

    def base_points(self, *, section: str, kind: str | None, brief: bool) -> Fraction:
        """An article's points for its place in our bulletin: its issue kind's when ``kinds``
        names it, else its section's when ``sections`` names it, else ``brief`` or
        ``article``."""
        if kind is not None and kind in self.kinds:
            return self.kinds[kind]
        if section in self.sections:
            return self.sections[section]
        if brief and self.brief is not None:
            return self.brief
        return self.article

    def adoption_points(self, adoption: Adoption) -> Fraction | None:
        """An adoption's points by its level and form; ``None`` for a level the rules lack."""
        points = self.adoption.get(adoption.level)
        if points is None:
            return None
        return points.summary if adoption.form == "摘要" else points.full

    def instruction_points(self, instruction: Instruction) -> Fraction | None:
        """A 批示's points by its level; ``None`` for a level the rules lack."""
        return self.instruction.get(instruction.level)

    def share(self, points: Fraction, units: int) -> Fraction:
        """What each of ``units`` units gets of an article's ``points``."""
        if units <= 1 or self.joint == "full":
            return points
        return points / units


def exact_points(value: int | float) -> Fraction:
    """A TOML number as exact points: ``2.5`` is 5/2, ``0.1`` is 1/10 (as written)."""
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(Decimal(repr(value)))


def _terminates(value: Fraction) -> bool:
    """Whether ``value`` has a finite decimal expansion (its denominator has only 2s and 5s)."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


def points_decimal(value: Fraction, places: int | None = None) -> Decimal:
    """``value`` as a decimal: exact when it terminates (22.5, 7.25), else to 2 places
    (10/3 is 3.33); ``places`` rounds it (half up) for a table."""
    from decimal import ROUND_HALF_UP, localcontext

    with localcontext() as context:
        context.prec = 60
        number = Decimal(value.numerator) / Decimal(value.denominator)
        if places is None and _terminates(value):
            return number.normalize() if number != number.to_integral_value() else number
        exponent = Decimal(1).scaleb(-(2 if places is None else places))
        return number.quantize(exponent, rounding=ROUND_HALF_UP)


def points_number(value: Fraction) -> int | float:
    """``value`` for JSON: an ``int`` when whole, else the decimal of ``points_decimal``."""
    if value.denominator == 1:
        return value.numerator
    return float(points_decimal(value))


def points_text(value: Fraction, places: int | None = None) -> str:
    """``value`` for a reader: ``30``, ``22.5``; ``places`` for a table (one decimal: the
    whole numbers stay whole, ``7.25`` shows as ``7.3``)."""
    if value.denominator == 1:
        return str(value.numerator)
    text = format(points_decimal(value, places), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
