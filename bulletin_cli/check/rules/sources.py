"""Attribution (供稿单位) rules: A001–A005."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from collections.abc import Set as AbstractSet

from ...model import Article, format_sources
from ...profile import Profile
from ...textclean import SPACES, split_units, strip_spaces, trailing_attribution
from ..core import ArticleRule, CheckContext, FixValue, Hit, close_names, did_you_mean

_UNIT_ENDINGS = (
    *"会室部局委办处科组站所院校队厅司社团镇区市县馆台报",
    "中心",
    "公司",
    "集团",
    "街道",
)
"""How a unit's name ends (an ending test, not a regex: ``re`` builds a 65,536-entry table for
an alternation of Chinese characters)."""


_NO_SPACES = str.maketrans("", "", SPACES)


def fixed_sources(
    sources: list[str], profile: Profile, known: AbstractSet[str] | None = None
) -> list[str]:
    """The sources as a clean list: one unit an entry, no brackets, labels or punctuation,
    no repeats. Entries that are known units (``known``: the profile's, as a set) stay as they
    are. Linear in the sources."""
    fixed: list[str] = []
    seen: set[str] = set()
    if known is None:
        known = set(profile.units)
    for source in sources:
        packed = source.translate(_NO_SPACES)
        if source in known:
            units = [source]
        elif packed in known:  # 吴中区 总工会: a stray space, not two units
            units = [packed]
        else:
            units = split_units(source)
        for unit in units:
            if unit not in seen:
                seen.add(unit)
                fixed.append(unit)
    return fixed


HINT_LIST_CHARS = 60
"""A hint spells out the corrected list only up to this length; a longer list would bury the
hint (and repeating it for each of thousands of findings would make the report quadratic)."""


def _fixed_hint(fixed: list[str]) -> str | None:
    """``供稿单位改为“市总办公室”“研究室”`` when the list is short enough to show, else
    ``None``; stops writing as soon as the list is too long, so a list of thousands costs
    nothing."""
    written: list[str] = []
    length = 2
    for unit in fixed:
        item = f"“{unit}”"
        length += len(item) + 2
        if length > HINT_LIST_CHARS:
            return None
        written.append(item)
    return f"供稿单位改为{''.join(written)}"


def fix_sources(ctx: CheckContext, article: Article, key: str) -> FixValue | None:
    """The sources split into one unit an entry, cleaned, without repeats."""
    if key != "sources":
        return None
    return fixed_sources(article.sources, ctx.profile) or None


def no_sources(ctx: CheckContext, index: int, article: Article) -> Iterator[Hit]:
    if not any(strip_spaces(source) for source in article.sources):
        yield Hit(
            "稿件没有写供稿单位",
            ("写上供稿单位，如 bulletin edit 期刊文件 序号 --source 供稿单位"),
            key="sources",
        )


NO_SOURCES = ArticleRule(
    summary="稿件没有供稿单位",
    doc="每篇稿件都要写 sources（供稿单位），导出时印在正文之后，如（市总办公室、研究室）。",
    wrong="sources = []",
    right='sources = ["市总办公室"]',
    check=no_sources,
)


def unknown_unit(ctx: CheckContext, index: int, article: Article) -> Iterator[Hit]:
    units = ctx.profile.units
    if not units:
        return
    known = ctx.known_units()
    for unit in fixed_sources(article.sources, ctx.profile, known):
        if unit not in known:
            guess = did_you_mean(unit, units, "已知的供稿单位")
            stop = "" if guess.endswith("？") else "。"
            yield Hit(
                f"供稿单位“{unit}”不在已知单位中",
                f"{guess}{stop}若是新单位，运行 bulletin units add {unit}",
                key="sources",
            )


def fix_unknown_unit(ctx: CheckContext, article: Article, key: str) -> FixValue | None:
    """Each unknown unit replaced by the one known unit close to it; none when any unknown unit
    has no such unit or several (the clerk chooses), so a fix never leaves the finding."""
    if key != "sources" or not ctx.profile.units:
        return None
    known = ctx.known_units()
    fixed: list[str] = []
    for unit in fixed_sources(article.sources, ctx.profile, known):
        if unit not in known:
            close = close_names(unit, ctx.profile.units)
            if len(close) != 1:
                return None
            unit = close[0]
        if unit not in fixed:
            fixed.append(unit)
    return fixed if fixed != article.sources else None


UNKNOWN_UNIT = ArticleRule(
    summary="供稿单位不在已知单位中",
    doc="bulletin.toml 的 units 列出本单位已知的供稿单位。不在其中的单位多半是笔误或简称，"
    "提示给出最接近的已知单位；确是新单位就用 bulletin units add 把它加进 units。只有一个已知单位"
    "相近（错一个字、少写“社区”等、多写“居委会”等）时，自动改正为它；有几个相近的，在终端里"
    "自动改正时会让您选，在脚本里不改。`--strict` 时作为错误。"
    "没有 units 列表时不检查。",
    wrong='sources = ["市总生活布"]',
    right='sources = ["市总生活部"]',
    check=unknown_unit,
    fix=fix_unknown_unit,
)


def composite_source(ctx: CheckContext, index: int, article: Article) -> Iterator[Hit]:
    """One finding for each distinct entry that is not one clean unit."""
    hint: str | None = None
    known = ctx.known_units()
    reported: set[str] = set()
    for source in article.sources:
        if source in known or source in reported:
            continue
        units = fixed_sources([source], ctx.profile, known)
        if units == [source]:
            continue
        reported.add(source)
        if not units:
            message = f"供稿单位“{source}”里没有单位名称"
        elif len(units) > 1:
            message = f"供稿单位“{source}”里写了 {len(units)} 个单位"
        else:
            message = f"供稿单位“{source}”带了多余的空格、括号、说明或标点"
        if hint is None:
            fixed = fixed_sources(article.sources, ctx.profile, known)
            hint = _fixed_hint(fixed) or "每项只写一个单位的名称，不带括号、说明和标点"
        yield Hit(message, hint, key="sources")


COMPOSITE_SOURCE = ArticleRule(
    summary="一个供稿单位里写了几个单位，或带了括号、“供稿”、标点",
    doc="sources 是一个列表，每项只写一个单位的名称：几个单位分成几项，不用、，/ 或空格连在"
    "一起；不写括号、“供稿”“来源：”，末尾不加标点。导出时自动加括号、用、连接。",
    wrong='sources = ["（市总办公室、研究室）供稿"]',
    right='sources = ["市总办公室", "研究室"]',
    check=composite_source,
    fix=fix_sources,
)


def repeated_source(ctx: CheckContext, index: int, article: Article) -> Iterator[Hit]:
    """One finding for each unit written more than once (the corrected list worked out once:
    a list of thousands of repeats stays linear)."""
    if len(set(article.sources)) == len(article.sources):
        return
    counts = Counter(source for source in article.sources if strip_spaces(source))
    repeated = [source for source, count in counts.items() if count > 1]
    if not repeated:
        return
    hint = _fixed_hint(fixed_sources(article.sources, ctx.profile, ctx.known_units()))
    for source in repeated:
        times = "两次" if counts[source] == 2 else f" {counts[source]} 次"
        yield Hit(f"供稿单位“{source}”写了{times}", hint or f"只留下一个“{source}”", key="sources")


REPEATED_SOURCE = ArticleRule(
    summary="同一供稿单位写了两次",
    doc="sources 中每个单位只写一次，否则导出的供稿单位会印成（研究室、研究室）。",
    wrong='sources = ["研究室", "研究室"]',
    right='sources = ["研究室"]',
    check=repeated_source,
    fix=fix_sources,
)


def typed_attribution(body: str, profile: Profile) -> tuple[int, str, list[str]] | None:
    """(offset of the line, the attribution text, its units) when the body's last line ends
    with an attribution typed by hand, such as ``（市总生活部）``."""
    stripped = body.rstrip()
    start = stripped.rfind("\n") + 1
    line = stripped[start:]
    found = trailing_attribution(line)
    if found is None:
        return None
    _text, units = found
    if not all(unit in profile.units or unit.endswith(_UNIT_ENDINGS) for unit in units):
        return None
    where = max(line.rfind("（"), line.rfind("("))
    return start + max(where, 0), line[where:].strip() if where >= 0 else line, units


def attribution_in_body(ctx: CheckContext, index: int, article: Article) -> Iterator[Hit]:
    found = typed_attribution(article.body, ctx.profile)
    if found is None:
        return
    offset, text, units = found
    missing = [unit for unit in units if unit not in article.sources]
    hint = f"删去正文末尾的“{text}”"
    if missing:
        hint += f"，并把 {format_sources(missing)[1:-1]} 加进供稿单位"
    yield Hit(
        f"正文末尾手工写了供稿单位“{text}”，导出时会印两遍",
        hint,
        key="body",
        line=ctx.text_line(index, "body", article.body, offset),
    )


ATTRIBUTION_IN_BODY = ArticleRule(
    summary="正文末尾手工写了供稿单位",
    doc="供稿单位只写在 sources 中，导出时自动印在正文之后。正文最后一段末尾再写（市总生活部）"
    "会印两遍。删去正文中的这一段文字，把单位写进 sources。",
    wrong='sources = ["市总生活部"]\nbody = """\n……送到困难职工心坎上。（市总生活部）\n"""',
    right='sources = ["市总生活部"]\nbody = """\n……送到困难职工心坎上。\n"""',
    check=attribution_in_body,
)
