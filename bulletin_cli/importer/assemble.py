"""From numbered lines to an issue: the recognisers run in the order a bulletin is printed.

Text and DOCX sources both arrive here as ``SourceLine``s. ``masthead`` reads the top and says
where the body starts; ``tail`` finds the 报尾 at the end; ``contents`` passes over a list of
titles (本期导读) before the first article; ``signature`` a unit and date signed under the
last one (一事一报); ``body`` reads the articles between
(a DOCX of our own export through ``styled``, by its paragraph styles); what they built becomes
the issue's articles here. Wherever the reading is not certain, a ``Guess`` names the line.
"""

from __future__ import annotations

from ..model import Article, Distribution, Issue, Picture, Table
from ..profile import Profile
from ..textclean import join_paragraphs
from .body import read_body
from .contents import skip_contents
from .figures import PictureData
from .masthead import about_heading, forwards, read_masthead
from .report import ImportReport
from .signature import apply_signature, find_signature
from .state import Draft, Reading
from .tail import read_tail, tail_start
from .text import SourceLine, distribution_names


def assemble(lines: list[SourceLine], *, profile: Profile, report: ImportReport) -> Issue:
    """The issue that ``lines`` hold; guesses and notes go to ``report``."""
    contents = any(line.role == "contents" for line in lines)
    lines = [line for line in lines if line.role != "contents"]
    reading = Reading(lines, profile, report)
    start = read_masthead(reading)
    end = tail_start(reading, start)
    start = skip_contents(reading, start, end)
    body_end, signature = find_signature(reading, start, end)
    read_body(reading, start, body_end)
    if signature is not None:
        apply_signature(reading, signature)
    read_tail(reading, end)
    _signed_masthead(reading)
    _addressees(reading)
    reading.issue.articles = _articles(reading)
    if contents:
        reading.issue.contents = True
    _count(reading)
    return reading.issue


def _articles(reading: Reading) -> list[Article]:
    """The drafts as articles; those without a section go to the profile's first one."""
    fallback = reading.profile.sections[0] if reading.profile.sections else ""
    warned_section = False
    articles: list[Article] = []
    for draft in reading.drafts:
        section = draft.section
        if section is None:
            section = fallback
            if not warned_section:
                where = f"归入“{fallback}”" if fallback else "栏目留空"
                reading.guess_at(draft, f"稿件前没有栏目标题，{where}")
                warned_section = True
        _report_gaps(reading, draft)
        pictures, tables = _figures(draft, reading.report.pictures)
        articles.append(
            Article(
                section=section,
                title=draft.title,
                body=join_paragraphs(draft.paragraphs),
                sources=list(draft.sources),
                subtitle=draft.subtitle,
                note="\n\n".join(draft.note) if draft.note else None,
                pictures=pictures,
                tables=tables,
            )
        )
    return articles


def _figures(draft: Draft, store: dict[str, bytes]) -> tuple[list[Picture], list[Table]]:
    """The draft's pictures (``file`` the picture's own name, its bytes kept in the
    ``PictureData``) and tables, ``after`` the paragraphs read before each (the default,
    after the last, left out)."""
    pictures: list[Picture] = []
    tables: list[Table] = []
    count = len(draft.paragraphs)
    for figure, before in draft.figures:
        after = None if before >= count else max(1, before)
        if isinstance(figure, PictureData):
            key = f"{len(store) + 1}/{figure.name}"
            store[key] = figure.data
            pictures.append(Picture(key, figure.caption, after, figure.width))
        else:
            tables.append(Table([list(row) for row in figure.rows], figure.caption, after))
    return pictures, tables


def _report_gaps(reading: Reading, draft: Draft) -> None:
    # an empty section was reported where it was found
    if (draft.title or draft.paragraphs) and not draft.sources:
        reading.guess_at(draft, "这篇没有找到供稿单位")
    if not draft.paragraphs and draft.title:
        reading.guess_at(draft, "这篇没有正文")


def _count(reading: Reading) -> None:
    report = reading.report
    articles = reading.issue.articles
    report.articles = len(articles)
    report.sections = len(dict.fromkeys(article.section for article in articles))
    report.attributions = sum(1 for article in articles if article.sources)
    report.guesses.sort(key=lambda guess: guess.line)


def _signed_masthead(reading: Reading) -> None:
    """The date and unit an old bulletin signs at its end, where its masthead has none.

    The report's own signature counts, not a covering note's (``……批转……``): the date is the
    last one signed (or printed under a title), the unit that of the last report signed, else
    the unit its title names (``某部关于……的简报``). Dates left out are named in the report."""
    issue = reading.issue
    reports = [draft for draft in reading.drafts if not forwards(draft.title)]
    dated = [draft for draft in reading.drafts if draft.date is not None]
    if issue.date is None and dated:
        issue.date = dated[-1].date
    for draft in dated:
        if draft.date != issue.date and draft.dated_line is not None:
            line = draft.dated_line
            reading.report.notes.append(
                f"第 {line.number} {reading.report.unit}的日期（{draft.date}）不是本期的日期，未写入"
            )
    if issue.editor is not None:
        return
    signers = [draft.signer for draft in reports if draft.signer]
    if signers:
        issue.editor = signers[-1]
        return
    for draft in reports:
        about = about_heading(draft.title)
        if about is not None:
            issue.editor = about.editor
            return


def _addressees(reading: Reading) -> None:
    """Addressee lines and scope notes join the 报尾 (the lists read there come first)."""
    if not reading.addressees:
        return
    issue = reading.issue
    dist = issue.distribution or Distribution()
    for key, names in reading.addressees:
        target: list[str] = getattr(dist, key)
        target.extend(name for name in distribution_names(names) if name not in target)
    issue.distribution = dist
