"""The 信息采用情况通报 as a DOCX in the bulletin's official layout.

Built with the export package's own pieces: the same styles, page, grid, faces and page numbers
as an exported issue (``package_bytes``), and a document of its own: the title, the addressee,
one generated paragraph with the totals, the ranked table with ruled lines inside the type
area, and the compiling unit over the date (GB/T 9704 7.3.5.2: the date 4 字 from the right,
the unit centred over it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ..export.ooxml import (
    R_NS,
    W_NS,
    XML_DECL,
    Border,
    Fonts,
    ind,
    needs_east_asian_hint,
    paragraph,
    ppr,
    rpr,
    run,
    split_ambiguous,
)
from ..export.package import core_xml, package_bytes, section_xml
from ..export.styles import Geometry
from ..export.writer import layout_of
from ..kinds import REGULAR, issue_label
from ..layout import LayoutSettings
from ..model import Adoption, format_date
from ..scoring import points_text
from .counting import AdoptionReport, RecordEntry, UnitTally

TABLE_RULE = Border(4, "000000")  # 0.5 pt black, every edge of every cell
TABLE_HEADINGS = ("名次", "供稿单位", "采用篇数", "其中联合供稿")
TABLE_SHARES = (0.12, 0.46, 0.19, 0.23)
"""Each column's share of the type area's width (the unit's name gets the most)."""
SCORED_HEADINGS = ("名次", "供稿单位", "采用", "联合", "上级采用", "批示", "积分")
SCORED_SHARES = (0.09, 0.29, 0.1, 0.1, 0.16, 0.1, 0.16)
"""With ``[scoring]``: the scores' columns take room from the unit's name."""
APPENDIX_HEADINGS = ("序号", "期次", "稿件标题", "供稿单位", "采用或批示")
APPENDIX_SHARES = (0.08, 0.13, 0.33, 0.19, 0.27)
TABLE_SIZE_PT = 14.0  # 四号, as the 报尾
CELL_MARGIN = 57  # 1 mm left and right of the text in a cell, twips
TOP_COUNT = 3
ADDRESSEE = "各供稿单位："


def notice_title(report: AdoptionReport) -> str:
    """``2012年信息采用情况通报`` (the period as asked, or the years of the issues counted);
    counting one kind (``stats --kind 增刊``): ``2012年增刊信息采用情况通报``."""
    kind = report.kind if report.kind != REGULAR else None
    return f"{report.title_period()}{kind or ''}信息采用情况通报"


def notice_paragraph(report: AdoptionReport) -> str:
    """The generated paragraph: issues, articles, joint articles, the leading and the zero units."""
    period = report.title_period()
    name = report.profile.name
    lead = f"{period}，" if period else ""
    text = (
        f"{lead}《{name}》共编发{len(report.counted)}期（{report.issue_range()}），"
        f"采用各单位报送的信息{report.articles}篇，其中联合供稿{report.joint_articles}篇。"
    )
    if report.scoring is not None:
        return text + _scoring_sentences(report) + "现将各单位信息采用积分情况通报如下。"
    leaders = [t for t in report.units if t.articles and t.rank <= TOP_COUNT]
    if leaders:
        listed = "、".join(f"{t.unit}（{t.articles}篇）" for t in leaders)
        text += f"按署名单位统计（联合供稿的稿件计入每个署名单位），采用篇数居前的是{listed}"
        zero = report.zero_units
        text += f"；{len(zero)}个单位未被采用。" if zero else "；各单位均有信息被采用。"
    text += "现将各单位信息采用情况通报如下。"
    return text


def _scoring_sentences(report: AdoptionReport) -> str:
    """With ``[scoring]``: the adoptions above and 批示 counted, and the leading scores."""
    adopted = sum(entry.points is not None for entry in report.adoptions)
    given = sum(entry.points is not None for entry in report.instructions)
    text = ""
    if adopted or given:
        text += f"其中被上级采用{adopted}次，获领导批示{given}次（详见附件）。"
    leaders = [t for t in report.units if t.score and t.rank <= TOP_COUNT]
    if leaders:
        listed = "、".join(f"{t.unit}（{points_text(t.score)}分）" for t in leaders)
        text += f"按积分规则计分，积分居前的是{listed}。"
    return text


def record_text(entry: RecordEntry) -> str:
    """How the appendix names a record: 省委办公厅《江苏信息》（省级，摘要）, 批示：市长（市级）."""
    item = entry.item
    details = [item.level]
    if isinstance(item, Adoption) and item.form:
        details.append(item.form)
    if item.date is not None:
        details.append(format_date(item.date))
    lead = "" if isinstance(item, Adoption) else "批示："
    return f"{lead}{item.by}（{'，'.join(details)}）"


def _units(text: str) -> float:
    """Width of ``text`` in 字: Chinese characters 1, Latin letters and digits ½."""
    return sum(0.5 if char.isascii() else 1.0 for char in text)


def _text(text: str, plain: str, wide: str) -> str:
    """Runs of ``text``; characters such as “ ” — … get ``w:hint="eastAsia"`` (docs/layout.md)."""
    if not needs_east_asian_hint(text):
        return run(text, plain)
    parts = split_ambiguous(text)
    return "".join(run(part, wide if i % 2 else plain) for i, part in enumerate(parts) if part)


@dataclass(frozen=True, slots=True)
class _Notice:
    report: AdoptionReport
    date: dt.date
    layout: LayoutSettings
    g: Geometry

    def styled(
        self,
        style: str,
        text: str,
        *,
        keep_next: bool | None = None,
        before: int | None = None,
        after: int | None = None,
        indent: str | None = None,
        jc: str | None = None,
    ) -> str:
        props = ppr(style=style, keep_next=keep_next, before=before, after=after, ind=indent, jc=jc)
        return paragraph(props, _text(text, rpr(), rpr(hint=True)))

    def heading(self) -> Iterator[str]:
        yield self.styled("BulletinTitle", notice_title(self.report), after=self.g.pitch)
        yield self.styled("BulletinBody", ADDRESSEE, indent=ind())
        yield self.styled("BulletinBody", notice_paragraph(self.report))

    def cell(self, text: str, width: int, *, face: str, align: str, keep: bool) -> str:
        fonts = Fonts(east_asia=face, latin=self.layout.face_latin)
        plain = rpr(fonts=fonts, size_pt=TABLE_SIZE_PT)
        wide = rpr(fonts=fonts, hint=True, size_pt=TABLE_SIZE_PT)
        props = ppr(
            keep_next=keep or None,
            snap_to_grid=False,
            before=0,
            after=0,
            line=self.g.pitch,
            ind=ind(),
            jc=align,
        )
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/>'
            f"</w:tcPr>{paragraph(props, _text(text, plain, wide))}</w:tc>"
        )

    def row(
        self,
        cells: tuple[str, ...],
        widths: list[int],
        *,
        header: bool = False,
        last: bool = False,
        left: tuple[int, ...] = (1,),
    ) -> str:
        """A row; the header repeats on every page, the last row keeps with the signature;
        the columns of ``left`` (names, titles) are set flush left."""
        face = self.layout.face_heading if header else self.layout.face_body
        props = "<w:cantSplit/><w:tblHeader/>" if header else "<w:cantSplit/>"
        content = "".join(
            self.cell(
                text,
                width,
                face=face,
                align="left" if i in left and not header else "center",
                keep=last,
            )
            for i, (text, width) in enumerate(zip(cells, widths, strict=True))
        )
        return f"<w:tr><w:trPr>{props}</w:trPr>{content}</w:tr>"

    def widths(self, shares: tuple[float, ...] = TABLE_SHARES) -> list[int]:
        widths = [round(self.g.width * share) for share in shares[:-1]]
        return [*widths, self.g.width - sum(widths)]

    def table(self) -> str:
        report = self.report
        scored = report.scoring is not None
        widths = self.widths(SCORED_SHARES if scored else TABLE_SHARES)
        rows = [self.row(SCORED_HEADINGS if scored else TABLE_HEADINGS, widths, header=True)]
        rows += [self.row(_figures(tally, scored=scored), widths) for tally in report.units]
        joint = sum(tally.joint for tally in report.units)
        total: tuple[str, ...] = ("合计", "", str(report.attributions), str(joint))
        if scored:
            adopted = sum(tally.adopted for tally in report.units)
            given = sum(tally.instructions for tally in report.units)
            total += (str(adopted), str(given), points_text(report.total_score, 1))
        rows.append(self.row(total, widths, last=True))
        return self.ruled(widths, rows)

    def appendix(self) -> Iterator[str]:
        """附件: every adopted article with its outlet, and every 批示, on a page of its own."""
        entries = [*self.report.adoptions, *self.report.instructions]
        if self.report.scoring is None or not entries:
            return
        heading = Fonts(east_asia=self.layout.face_heading, latin=self.layout.face_latin)
        props = ppr(style="BulletinBody", ind=ind())
        brk = '<w:r><w:br w:type="page"/></w:r>'
        yield paragraph(
            props, brk + _text("附件", rpr(fonts=heading), rpr(fonts=heading, hint=True))
        )
        title = f"{self.report.title_period()}信息上级采用和领导批示情况"
        yield self.styled("BulletinTitle", title, after=self.g.pitch)
        widths = self.widths(APPENDIX_SHARES)
        rows = [self.row(APPENDIX_HEADINGS, widths, header=True)]
        several_years = len({e.record.date.year for e in entries if e.record.date}) > 1
        for number, entry in enumerate(entries, start=1):
            record = entry.record
            issue = issue_label(record.number, record.kind)
            year = f"{record.date.year}年" if record.date and several_years else ""
            cells = (
                str(number),
                f"{year}{issue}",
                entry.title or "（简讯）",
                "、".join(entry.units) or "（未写）",
                record_text(entry),
            )
            rows.append(self.row(cells, widths, left=(2, 3, 4)))
        yield self.ruled(widths, rows)

    def ruled(self, widths: list[int], rows: list[str]) -> str:
        """A table of ``rows`` with ruled lines inside the type area."""
        edges = "".join(
            TABLE_RULE.xml(edge)
            for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        return (
            "<w:tbl><w:tblPr>"
            '<w:tblStyle w:val="TableNormal"/>'
            f'<w:tblW w:w="{self.g.width}" w:type="dxa"/>'
            '<w:jc w:val="center"/>'
            f"<w:tblBorders>{edges}</w:tblBorders>"
            '<w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
            f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
            "</w:tblCellMar>"
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>" + "".join(rows) + "</w:tbl>"
        )

    def signature(self) -> Iterator[str]:
        """The compiling unit centred over the date; the date 4 字 from the right edge."""
        char = self.g.char
        editor = self.report.profile.editor
        date = format_date(self.date)
        date_right = 4 * char
        editor_right = max(0, round(date_right + (_units(date) - _units(editor)) * char / 2))
        yield self.styled(
            "BulletinBody",
            editor,
            keep_next=True,
            before=self.g.pitch,
            indent=ind(right=editor_right),
            jc="right",
        )
        yield self.styled("BulletinBody", date, indent=ind(right=date_right), jc="right")

    def chunks(self) -> Iterator[str]:
        yield XML_DECL + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        yield from self.heading()
        yield self.table()
        yield from self.signature()
        yield from self.appendix()
        yield section_xml(self.layout) + "</w:body></w:document>"


def _figures(tally: UnitTally, *, scored: bool = False) -> tuple[str, ...]:
    figures: tuple[str, ...] = (str(tally.rank), tally.unit, str(tally.articles), str(tally.joint))
    if scored:
        figures += (str(tally.adopted), str(tally.instructions), points_text(tally.score, 1))
    return figures


def notice_docx(report: AdoptionReport, *, date: dt.date) -> bytes:
    """The 通报 as DOCX bytes, dated ``date``; the same report and date give the same bytes."""
    layout = layout_of(report.profile)
    notice = _Notice(report, date, layout, Geometry.of(layout))
    when = dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC)
    core = core_xml(title=notice_title(report), creator=report.profile.editor, when=when)
    return package_bytes(layout, notice.chunks(), core)
