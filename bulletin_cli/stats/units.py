"""Which 供稿单位 an article's ``sources`` name, and which names look like one unit twice.

An entry is split and cleaned as ``check`` does it (``textclean.split_units``: brackets, “供稿”,
、，/; separators), and a name of the profile's catalogue is taken as it stands. Spaces are the
one place where counting is more careful than ``check --fix``: ``吴中区 总工会`` is neither
merged into ``吴中区总工会`` nor split in two; it is counted as written and reported, so the
office decides. Entries written with spaces between names that all appear on their own
(``市总办公室 研究室``) are split, as a list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from ..textclean import SPACES, UNIT_SUFFIXES, split_units, without_suffix

# stands for a space while ``split_units`` (which splits at spaces) does its other work
_SPACE_MARK = "\ue000"
_SPACE_RUN = re.compile(f"[{re.escape(SPACES)}]+")
_PIECE_EDGES = "（）()。，、；：.,;:" + SPACES
MIN_LENGTH_FOR_TYPO = 4
"""Names shorter than this are not compared character by character (研究室/研究所 differ)."""


def _pieces(entry: str) -> list[str]:
    """The names of one ``sources`` entry as ``check`` splits them, inner spaces kept as one
    ASCII space."""
    name = _SPACE_RUN.sub(" ", entry.strip(SPACES + "\r\n"))
    pieces: list[str] = []
    for piece in split_units(name.replace(" ", _SPACE_MARK)):
        cleaned = piece.replace(_SPACE_MARK, " ").strip(_PIECE_EDGES)
        cleaned = _SPACE_RUN.sub(" ", cleaned)
        if cleaned and cleaned not in pieces:
            pieces.append(cleaned)
    return pieces


class UnitMatcher:
    """Turns ``sources`` entries into unit names, the same way for every entry of an archive.

    ``prepare`` sees every distinct entry first, so that a name with a space can be told apart
    from a list of names written with spaces."""

    def __init__(self, catalogue: Iterable[str]) -> None:
        self.catalogue = frozenset(catalogue)
        self._units: dict[str, tuple[str, ...]] = {}

    def prepare(self, entries: Collection[str]) -> None:
        pieces = {
            entry: ([entry] if entry in self.catalogue else _pieces(entry)) for entry in entries
        }
        alone = set(self.catalogue)
        for names in pieces.values():
            alone.update(name for name in names if " " not in name)
        for entry, names in pieces.items():
            resolved: list[str] = []
            for name in names:
                for unit in _resolve_spaces(name, alone):
                    if unit not in resolved:
                        resolved.append(unit)
            self._units[entry] = tuple(resolved)

    def units(self, sources: Iterable[str]) -> list[str]:
        """The units an article's ``sources`` name, each once, in the order written."""
        found: list[str] = []
        for entry in sources:
            if entry not in self._units:
                self.prepare([entry])
            for unit in self._units[entry]:
                if unit not in found:
                    found.append(unit)
        return found


def _resolve_spaces(name: str, alone: set[str]) -> list[str]:
    if " " not in name:
        return [name]
    parts = name.split(" ")
    if name.replace(" ", "") not in alone and all(part in alone for part in parts):
        return parts  # 市总办公室 研究室: a list written with a space
    return [name]  # 吴中区 总工会: one name with a stray space, kept as written


@dataclass(frozen=True, slots=True)
class LikelyDuplicate:
    """Names that probably mean one unit; they are counted apart, and the office decides.

    ``units`` holds the variant first and the name it probably stands for second (the
    catalogue's spelling, else the more frequent one); a name with a space and no counterpart
    stands alone."""

    units: tuple[str, ...]
    reason: str


def likely_duplicates(counts: dict[str, int], catalogue: Collection[str]) -> list[LikelyDuplicate]:
    """Pairs of names (counted or in the catalogue) that differ only by spaces or by one
    character; two names both in the catalogue are the office's own choice and not reported."""
    names = sorted(set(counts) | set(catalogue))

    def weight(name: str) -> tuple[bool, int, str]:
        return (name in catalogue, counts.get(name, 0), name)

    found: list[LikelyDuplicate] = []
    packed: dict[str, list[str]] = {}
    for name in names:
        packed.setdefault(name.replace(" ", ""), []).append(name)
    for name in names:
        if " " not in name:
            continue
        others = [other for other in packed[name.replace(" ", "")] if other != name]
        if others:
            best = max(others, key=weight)
            found.append(LikelyDuplicate((name, best), "只差空格"))
        else:
            found.append(LikelyDuplicate((name,), "名称中间有空格"))
    found.extend(_suffixed(names, catalogue, weight))
    plain = [name for name in names if " " not in name and len(name) >= MIN_LENGTH_FOR_TYPO]
    for index, first in enumerate(plain):
        for second in plain[index + 1 :]:
            if first in catalogue and second in catalogue:
                continue
            if _one_character_apart(first, second):
                variant, meant = sorted((first, second), key=weight)
                found.append(LikelyDuplicate((variant, meant), "只差一个字"))
    return found


def _suffixed(
    names: list[str], catalogue: Collection[str], weight: Callable[[str], tuple[bool, int, str]]
) -> list[LikelyDuplicate]:
    """Pairs of a name and the same name with a suffix such as 居委会, 办事处, 街道, 总工会
    (南门社区居委会 / 南门社区). Linear in the names: each name's possible stems are looked up."""
    present = {name for name in names if " " not in name}
    found: list[LikelyDuplicate] = []
    for name in sorted(present):
        for suffix in UNIT_SUFFIXES:
            stem = name[: -len(suffix)] if name.endswith(suffix) else ""
            if stem in present and without_suffix(name, stem):
                if name in catalogue and stem in catalogue:
                    break
                variant, meant = sorted((name, stem), key=weight)
                found.append(LikelyDuplicate((variant, meant), f"只差“{suffix}”"))
                break
    return found


def _one_character_apart(first: str, second: str) -> bool:
    """One character replaced, added or dropped."""
    if len(first) == len(second):
        return sum(a != b for a, b in zip(first, second, strict=True)) == 1
    short, long = sorted((first, second), key=len)
    if len(long) - len(short) != 1:
        return False
    return any(long[:index] + long[index + 1 :] == short for index in range(len(long)))
