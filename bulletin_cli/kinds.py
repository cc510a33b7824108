"""Issue kinds (增刊, 专刊, 专报, 特刊, and any the profile adds): each has its own 期号 series
per year, apart from the regular issues (正刊, an issue without ``kind``).

The 总第N期 series is the regular issues' alone, unless the profile's ``total_kinds`` names a
kind whose issues continue it; every other kind's ``total``, when one is written, is a series of
its own. Only names here: nothing in this module reads files.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

STANDARD_KINDS: tuple[str, ...] = ("增刊", "专刊", "专报", "特刊")
"""The kinds every bulletin may print, whatever its profile says."""

REGULAR = "正刊"
"""The name of the regular series, for ``stats --kind`` and messages (never written as kind)."""


def known_kinds(extra: Iterable[str] = ()) -> list[str]:
    """The standard kinds, then the profile's own (``kinds``), each once."""
    names = list(STANDARD_KINDS)
    names += [name for name in extra if name and name not in names]
    return names


def kind_label(kind: str | None) -> str:
    """``正刊`` for the regular series, else the kind's name."""
    return kind or REGULAR


def number_series(kind: str | None) -> str | None:
    """The 期号 series an issue belongs to: ``None`` for the regular one, else its kind."""
    return kind or None


def total_series(kind: str | None, total_kinds: Collection[str] = ()) -> str | None:
    """The 总第N期 series an issue belongs to: ``None`` (the regular one) for a regular issue or
    a kind listed in the profile's ``total_kinds``, else the kind's own."""
    if not kind or kind in total_kinds:
        return None
    return kind


def issue_label(number: int, kind: str | None) -> str:
    """``第3期`` or ``增刊第1期``: how an issue is named in messages and reports."""
    return f"{kind or ''}第{number}期"


def require_kind(name: str, known: list[str]) -> str:
    """``name`` stripped when it is one of ``known``; else an ``InputProblem`` (a command-line
    error) naming the likely intended kind and every kind there is."""
    import difflib

    from .errors import InputProblem

    name = name.strip()
    if name in known:
        return name
    guess = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    lead = f"是否应为 {guess[0]}？" if guess else ""
    raise InputProblem(
        f"没有“{name}”这一期刊类别",
        hint=f"{lead}可用的类别：{'、'.join(known)}；别的类别先加到 bulletin.toml 的 kinds 中",
    )
