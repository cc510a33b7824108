"""What an import found, and where the importer had to guess, for the clerk to look at."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..model import Issue

SourceKind = Literal["text", "docx"]


@dataclass(frozen=True, slots=True)
class Guess:
    """A place where the importer chose one reading of the source among several.

    ``line`` is the 1-based line of a text source, or the 1-based paragraph of a DOCX."""

    line: int
    message: str
    text: str = ""
    """The start of the line, so the clerk finds the place without counting."""


EXCERPT_LENGTH = 16


def excerpt(text: str) -> str:
    """The first characters of a line, on one line."""
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_LENGTH else text[:EXCERPT_LENGTH] + "…"


@dataclass(slots=True)
class ImportReport:
    """Counts of what was found, the guesses, and issue-level notes (a missing 期号, …)."""

    kind: SourceKind = "text"
    encoding: str | None = None
    sections: int = 0
    articles: int = 0
    attributions: int = 0
    guesses: list[Guess] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pictures: dict[str, bytes] = field(default_factory=dict, repr=False)
    """The bytes of the imported pictures by the ``file`` their ``Picture`` holds until the
    service stores them beside the target issue (``pictures.keep_pictures``)."""

    @property
    def unit(self) -> str:
        """What ``Guess.line`` counts: 行 in a text file, 段 (paragraph) in a DOCX."""
        return "段" if self.kind == "docx" else "行"

    def guess(self, line: int, message: str, text: str = "") -> None:
        self.guesses.append(Guess(line, message, excerpt(text)))

    def describe_guess(self, guess: Guess) -> str:
        """``第 36 行：当作标题 ——“市总工会召开…”`` (``第 36 段`` in a DOCX)."""
        where = f"第 {guess.line} {self.unit}：{guess.message}"
        return f"{where} ——“{guess.text}”" if guess.text else where

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "encoding": self.encoding,
            "sections": self.sections,
            "articles": self.articles,
            "attributions": self.attributions,
            "guesses": [
                {"line": g.line, "message": g.message, "text": g.text} for g in self.guesses
            ],
            "notes": list(self.notes),
        }


@dataclass(slots=True)
class ImportResult:
    """The imported issue and the report about it."""

    issue: Issue
    report: ImportReport
