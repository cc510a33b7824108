"""Preparing articles from what a clerk types or a script sends, and adding them to an issue."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentRefused
from .issuefile.edits import add_articles as insert_in_order
from .model import Article
from .profile import Profile, profile_for
from .textclean import (
    bad_characters,
    clean_body,
    clean_section,
    clean_title,
    split_units,
    strip_spaces,
)


@dataclass(slots=True)
class PreparedArticle:
    """A cleaned article and what the cleaning did, to tell the clerk."""

    article: Article
    notes: list[str] = field(default_factory=list)


def prepare_article(
    *,
    section: str,
    title: str,
    body: str,
    sources: list[str] | None = None,
    subtitle: str | None = None,
) -> PreparedArticle:
    """Clean pasted fields into an article: brackets, indentation, breaks, typed attribution."""
    notes: list[str] = []
    refuse_bad_characters({"栏目": section, "标题": title, "副标题": subtitle or "", "正文": body})
    for unit in sources or []:
        refuse_bad_characters({"供稿单位": unit})
    clean_name = clean_section(section)
    if clean_name != section.strip():
        notes.append(f"栏目 “{section.strip()}” 已改为 “{clean_name}”")
    units: list[str] = []
    for raw in sources or []:
        for unit in split_units(raw, at_spaces=False):
            if unit not in units:
                units.append(unit)
        spaced = [part for part in split_units(raw) if part not in units]
        if spaced:
            notes.append(f"供稿单位 “{strip_spaces(raw)}” 中的空格已去掉（多个单位请用、分隔）")
    cleaned = clean_body(body)
    if cleaned.attribution:
        notes.append(f"正文末尾的 {cleaned.attribution} 已移到供稿单位")
        for unit in cleaned.sources:
            if unit not in units:
                units.append(unit)
    if cleaned.author:
        notes.append(f"{cleaned.author} 看作作者（人名），没有列入供稿单位")
    clean_sub = clean_title(subtitle).lstrip("—－-─ ") if subtitle else None
    article = Article(
        section=clean_name,
        title=clean_title(title),
        subtitle=clean_sub or None,
        sources=units,
        body=cleaned.body,
    )
    return PreparedArticle(article, notes)


def refuse_bad_characters(fields: dict[str, str]) -> None:
    """Refuse text with characters a DOCX cannot hold, naming the field and position."""
    for name, text in fields.items():
        bad = bad_characters(text.replace("\r\n", "\n") if name == "正文" else text)
        if bad:
            places = "；".join(item.describe() for item in bad[:5])
            more = f"等 {len(bad)} 处" if len(bad) > 5 else ""
            raise ContentRefused(
                f"{name}含有无法写入 Word 文档的字符：{places}{more}",
                hint="删除这些字符（常见于从网页或 PDF 复制的文字）后再添加",
            )


def add_articles(
    path: Path | str,
    articles: list[Article],
    *,
    action: str = "add",
    profile: Profile | None = None,
) -> list[int]:
    """Add articles to an issue file in one locked, atomic write (one undo step named
    ``action``), each at its section's place in printed order (the catalogue of ``profile``,
    read beside the file when the caller has not); their 1-based numbers."""
    refuse_unwritable(articles)
    path = Path(path)
    catalogue = (profile if profile is not None else profile_for(path)).sections
    return insert_in_order(path, articles, catalogue=catalogue, action=action)


def refuse_unwritable(articles: list[Article]) -> None:
    """Refuse articles with characters a DOCX cannot hold (``ContentRefused``)."""
    for article in articles:
        refuse_bad_characters(
            {
                "栏目": article.section,
                "标题": article.title,
                "副标题": article.subtitle or "",
                "正文": article.body,
                "供稿单位": "".join(article.sources),
            }
        )
