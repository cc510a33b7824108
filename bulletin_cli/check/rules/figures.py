"""Pictures, tables and the 本期要目 box: G001–G003, P003."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ...errors import os_reason
from ...pictures import MIN_PRINT_DPI, NotAPicture, picture_info, picture_path
from ..core import CheckContext, Hit, IssueRule


def _base(ctx: CheckContext) -> Path:
    return ctx.path.parent if ctx.path is not None else Path(".")


def _pictures(ctx: CheckContext) -> Iterator[tuple[int, int, str, str | None, float | None]]:
    for a, article in enumerate(ctx.issue.articles):
        for p, picture in enumerate(article.pictures):
            yield a, p, picture.file, picture.caption, picture.width


def missing_picture(ctx: CheckContext) -> Iterator[Hit]:
    base = _base(ctx)
    for a, p, file, _caption, _width in _pictures(ctx):
        if not file:
            continue  # F002 names the missing key
        path = picture_path(base / "x.toml", file)
        try:
            with path.open("rb") as handle:
                picture_info(handle.read(256 * 1024))
        except FileNotFoundError:
            yield Hit(
                f"第 {a + 1} 篇的图片 {file} 找不到（应在 {path.parent} 中）",
                "把图片放到这个位置，或用 bulletin edit 换一张图片",
                path=("articles", a, "pictures", p, "file"),
                article=a,
            )
        except OSError as err:
            yield Hit(
                f"第 {a + 1} 篇的图片 {file} 无法读取（{os_reason(err)}）",
                "检查文件是否被其他程序占用或没有读取权限",
                path=("articles", a, "pictures", p, "file"),
                article=a,
            )
        except NotAPicture as err:
            yield Hit(
                f"第 {a + 1} 篇的图片 {file} 无法使用：{err}",
                "只能用 PNG 或 JPEG 图片：用画图等软件另存为 JPEG 后替换",
                path=("articles", a, "pictures", p, "file"),
                article=a,
            )


MISSING_PICTURE = IssueRule(
    summary="图片文件找不到或无法读取",
    doc="[[articles.pictures]] 的 file 是图片文件相对于期刊文件所在文件夹的位置（如 "
    "images/2012-01/会议.jpg）。文件不存在、读不出来，或者不是 PNG、JPEG 图片时报错，导出时这张图片"
    "会缺失。bulletin add --picture 和 add --from 会把图片复制到期刊文件旁的 images 文件夹，"
    "不必手写。",
    wrong='[[articles.pictures]]\nfile = "images/2012-01/会议.bmp"',
    right='[[articles.pictures]]\nfile = "images/2012-01/会议.jpg"',
    check=missing_picture,
)


def blurred_picture(ctx: CheckContext) -> Iterator[Hit]:
    from ...export.pictures import size_of
    from ...model import Picture

    base = _base(ctx)
    layout = ctx.profile.layout
    for a, p, file, caption, width in _pictures(ctx):
        if not file:
            continue
        try:
            with picture_path(base / "x.toml", file).open("rb") as handle:
                info = picture_info(handle.read(256 * 1024))
        except (OSError, NotAPicture):
            continue  # G001
        size = size_of(Picture(file, caption, None, width), info, layout)
        dpi = size.dpi(info)
        if dpi < MIN_PRINT_DPI:
            millimetres = size.width / 1440 * 25.4
            yield Hit(
                f"第 {a + 1} 篇的图片 {file} 只有 {info.width}×{info.height} 像素，"
                f"印成 {millimetres:.0f} 毫米宽时约 {dpi:.0f} dpi，低于 {MIN_PRINT_DPI:.0f} dpi，"
                "印出来会模糊",
                "向供稿单位要原图（不要从微信或网页截图），或用 width 把图片印小些",
                path=("articles", a, "pictures", p, "file"),
                article=a,
            )


BLURRED_PICTURE = IssueRule(
    summary="图片分辨率不足，印出来会模糊",
    doc="按图片印出的大小（width 所占版心宽度的比例，或图片本身的大小，最宽为版心宽度）计算分辨率，"
    "低于 150 dpi（每英寸点数）时提醒：印出来会发虚、有马赛克。常见于从微信、网页截取的小图。",
    wrong="# 640×480 像素的截图，印满版心宽度（156 毫米）约 104 dpi",
    right="# 换成 2000×1500 像素的原图，或 width = 0.5 印小些",
    check=blurred_picture,
)


def ragged_table(ctx: CheckContext) -> Iterator[Hit]:
    for a, article in enumerate(ctx.issue.articles):
        paragraphs = len(article.paragraphs)
        for t, table in enumerate(article.tables):
            path = ("articles", a, "tables", t, "rows")
            if not table.rows or not any(table.rows[0]):
                yield Hit(
                    f"第 {a + 1} 篇的第 {t + 1} 个表格没有内容（rows 是空的）",
                    "在 rows 里写上表格各行的内容（第一行是表头），或删去这个表格",
                    path=path,
                    article=a,
                )
                continue
            widths = {len(row) for row in table.rows}
            if len(widths) > 1:
                counts = "、".join(str(len(row)) for row in table.rows)
                yield Hit(
                    f"第 {a + 1} 篇的第 {t + 1} 个表格各行的格数不一样（{counts}），"
                    "缺的格会印成空格",
                    '检查是否漏写或多写了一格；确实空着的格写成 ""',
                    path=path,
                    article=a,
                )
        placements = (
            ("图片", "pictures", [picture.after for picture in article.pictures]),
            ("表格", "tables", [table.after for table in article.tables]),
        )
        for kind, key, afters in placements:
            for index, after in enumerate(afters):
                if after is not None and not 1 <= after <= max(1, paragraphs):
                    yield Hit(
                        f"第 {a + 1} 篇的第 {index + 1} 个{kind}排在第 {after} 段之后，"
                        f"但这篇只有 {paragraphs} 段，将排在最后一段之后",
                        f"把 after 改成 1 到 {max(1, paragraphs)} 之间的数，或删去 after",
                        path=("articles", a, key, index, "after"),
                        article=a,
                    )


RAGGED_TABLE = IssueRule(
    summary="表格为空、各行格数不一，或图表的位置超出段数",
    doc="表格的 rows 第一行是表头，其余各行应与表头的格数一样多；图片和表格的 after 是它们排在第几段"
    "之后，应在 1 到本篇段数之间（不写则排在最后一段之后）。",
    wrong='rows = [["类别", "户数"], ["困难职工"]]',
    right='rows = [["类别", "户数"], ["困难职工", "120户"]]',
    check=ragged_table,
)


def contents_overflow(ctx: CheckContext) -> Iterator[Hit]:
    from ..figures import contents_lines
    from ..pages import page_fit
    from ..setting import set_issue

    box = contents_lines(ctx.issue, ctx.profile)
    if not box:
        return
    base = ctx.path.parent if ctx.path is not None else None
    paragraphs = set_issue(ctx.issue, ctx.profile, base)
    top = sum(len(p.lines) for p in paragraphs if p.kind in ("mark", "masthead", "contents"))
    fit = page_fit(ctx.issue, ctx.profile, base)
    if fit.pages and len(fit.pages[0]) <= top:
        yield Hit(
            f"本期要目占 {box} 行，第 1 页排不下第一篇稿件的标题和开头两行，"
            "第 1 页将只有报头和要目",
            "删去 [issue] 下的 contents 这一行（不印要目），或精简标题",
            path=("issue", "contents"),
        )


CONTENTS_OVERFLOW = IssueRule(
    summary="本期要目把第一篇稿件挤到了第 2 页",
    doc="contents = true 时第 1 页红线下印本期要目（各栏目的标题，简讯栏目一行）。要目太长，"
    "第 1 页剩下的行数放不下第一个栏目名、第一篇的标题和正文开头两行时提醒：第 1 页会只有报头和要目。",
    wrong="contents = true\n# 本期 14 篇稿件，要目占 17 行",
    right="# 稿件多时不印要目，或只在增刊、专刊中使用",
    check=contents_overflow,
)
