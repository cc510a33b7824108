"""The issue of a bulletin as plain data: masthead, articles, distribution."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ADOPTION_FORMS = ("全文", "摘要")
"""How a higher outlet took an article up: in full, or as a summary."""


@dataclass(slots=True)
class Adoption:
    """An adoption of the article by a higher outlet (上级采用), for scoring."""

    by: str
    level: str
    date: dt.date | None = None
    form: str | None = None

    def to_table(self) -> dict[str, object]:
        table: dict[str, object] = {"by": self.by, "level": self.level}
        if self.date is not None:
            table["date"] = self.date
        if self.form is not None:
            table["form"] = self.form
        return table


@dataclass(slots=True)
class Instruction:
    """A leader's 批示 on the article, for scoring."""

    by: str
    level: str
    date: dt.date | None = None

    def to_table(self) -> dict[str, object]:
        table: dict[str, object] = {"by": self.by, "level": self.level}
        if self.date is not None:
            table["date"] = self.date
        return table


@dataclass(slots=True)
class Picture:
    """A picture of an article: a PNG or JPEG file beside the issue, printed after a paragraph."""

    file: str
    """The file's path relative to the issue file's folder, with forward slashes."""
    caption: str | None = None
    after: int | None = None
    """The 1-based paragraph it follows (``None``: after the last)."""
    width: float | None = None
    """The share of the type area's width it takes (``None``: its own size, at most the width)."""

    def to_table(self) -> dict[str, object]:
        table: dict[str, object] = {"file": self.file}
        for key in ("caption", "after", "width"):
            value = getattr(self, key)
            if value is not None:
                table[key] = value
        return table


@dataclass(slots=True)
class Table:
    """A table of an article: rows of text cells, the first row the header."""

    rows: list[list[str]]
    caption: str | None = None
    after: int | None = None

    def to_table(self) -> dict[str, object]:
        table: dict[str, object] = {"rows": [list(row) for row in self.rows]}
        if self.caption is not None:
            table["caption"] = self.caption
        if self.after is not None:
            table["after"] = self.after
        return table


@dataclass(slots=True)
class Article:
    """One article (稿件) under a section (栏目)."""

    section: str
    title: str
    body: str
    sources: list[str] = field(default_factory=list)
    subtitle: str | None = None
    note: str | None = None
    """The article's 编者按, printed between its title and its body."""
    pictures: list[Picture] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    staff: str | None = None
    """Who wrote and reviewed it (``撰稿：周小军　审核：陈伟``): kept with the article, shown by
    ``show``, not printed."""
    adopted: list[Adoption] = field(default_factory=list)
    """Adoptions by higher outlets (``[[articles.adopted]]``)."""
    instructions: list[Instruction] = field(default_factory=list)
    """Leaders' 批示 (``[[articles.instructions]]``)."""

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs: blocks separated by blank lines, each stripped of line ends."""
        return split_paragraphs(self.body)

    def to_table(self) -> dict[str, object]:
        """The article as the TOML table of docs/format.md, keys in the documented order."""
        table: dict[str, object] = {"section": self.section, "title": self.title}
        if self.subtitle is not None:
            table["subtitle"] = self.subtitle
        table["sources"] = list(self.sources)
        table["body"] = self.body
        if self.note is not None:
            table["note"] = self.note
        if self.staff is not None:
            table["staff"] = self.staff
        if self.pictures:
            table["pictures"] = [picture.to_table() for picture in self.pictures]
        if self.tables:
            table["tables"] = [item.to_table() for item in self.tables]
        if self.adopted:
            table["adopted"] = [record.to_table() for record in self.adopted]
        if self.instructions:
            table["instructions"] = [record.to_table() for record in self.instructions]
        return table


@dataclass(slots=True)
class Distribution:
    """The 报尾: who the issue is reported to (报), sent to (送) and distributed to (发)."""

    report: list[str] = field(default_factory=list)
    send: list[str] = field(default_factory=list)
    distribute: list[str] = field(default_factory=list)
    copies: int | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.report or self.send or self.distribute or self.copies)

    def to_table(self) -> dict[str, object]:
        table: dict[str, object] = {}
        for key in ("report", "send", "distribute"):
            names = getattr(self, key)
            if names:
                table[key] = list(names)
        if self.copies is not None:
            table["copies"] = self.copies
        return table


@dataclass(slots=True)
class Issue:
    """One issue (期) of the bulletin."""

    number: int = 0
    date: dt.date | None = None
    name: str | None = None
    total: int | None = None
    editor: str | None = None
    mark: str | None = None
    note: str | None = None
    contents: bool | None = None
    """Whether page 1 carries a 本期要目 box (``None``: the profile's default)."""
    articles: list[Article] = field(default_factory=list)
    distribution: Distribution | None = None
    kind: str | None = None
    """The issue kind (增刊, 专刊, ...; ``None`` for a regular issue): its own 期号 series."""

    def masthead_table(self) -> dict[str, object]:
        table: dict[str, object] = {}
        if self.name is not None:
            table["name"] = self.name
        table["number"] = self.number
        if self.total is not None:
            table["total"] = self.total
        if self.date is not None:
            table["date"] = self.date
        for key in ("editor", "contents", "mark", "note"):
            value = getattr(self, key)
            if value is not None:
                table[key] = value
        if self.kind is not None:
            table["kind"] = self.kind
        return table

    def to_document(self) -> dict[str, object]:
        """The whole issue as the TOML document of docs/format.md."""
        doc: dict[str, object] = {"issue": self.masthead_table()}
        doc["articles"] = [article.to_table() for article in self.articles]
        if self.distribution is not None:
            doc["distribution"] = self.distribution.to_table()
        return doc


def split_paragraphs(body: str) -> list[str]:
    """Split a body into paragraphs at blank lines; single line breaks stay inside a paragraph."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def format_sources(sources: list[str]) -> str:
    """The printed attribution: （市总办公室、研究室）."""
    return "（" + "、".join(sources) + "）"


def format_date(date: dt.date) -> str:
    """A masthead date as offices write it: 2012年1月20日 (no zero padding)."""
    return f"{date.year}年{date.month}月{date.day}日"
