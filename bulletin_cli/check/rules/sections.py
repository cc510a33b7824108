"""Section (栏目) rules: S001–S006."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ...model import Article
from ...profile import Profile
from ...textclean import SPACES, clean_section
from ..core import ArticleRule, CheckContext, FixValue, Hit, IssueRule, close_names, did_you_mean

_DROP = str.maketrans("", "", SPACES + "【】[]〔〕［］〖〗")
_QUOTES = str.maketrans({"“": '"', "”": '"', "〝": '"', "〞": '"', "‘": "'", "’": "'"})


def fold(name: str) -> str:
    """A section name with brackets, spaces and the half-width/full-width difference removed."""
    return unicodedata.normalize("NFKC", name.translate(_DROP)).translate(_QUOTES)


def canonical_section(name: str, profile: Profile) -> str | None:
    """The section ``name`` means: its catalogue entry (or, with no catalogue, the name without
    brackets and spaces); ``None`` when it is empty or not in the catalogue."""
    cleaned = clean_section(name)
    if not cleaned.translate(_DROP):
        return None
    if not profile.has_catalogue:
        return cleaned
    if cleaned in profile.sections:
        return cleaned
    folded = fold(cleaned)
    for entry in profile.sections:
        if fold(entry) == folded:
            return entry
    return None


def _canonical(ctx: CheckContext, name: str) -> str | None:
    known = ctx.section_names
    if name not in known:
        known[name] = canonical_section(name, ctx.profile)
    return known[name]


def _group(ctx: CheckContext, article: Article) -> str:
    return _canonical(ctx, article.section) or article.section.strip()


def unknown_section(ctx: CheckContext, index: int, article: Article) -> Iterator[Hit]:
    if not ctx.profile.has_catalogue or not article.section.translate(_DROP):
        return
    if _canonical(ctx, article.section) is None:
        yield Hit(
            f"栏目“{article.section}”不在栏目目录中",
            did_you_mean(clean_section(article.section), ctx.profile.sections, "目录中的栏目"),
            key="section",
        )


def fix_unknown_section(ctx: CheckContext, article: Article, key: str) -> FixValue | None:
    """The one catalogue entry close to a section outside the catalogue (none when there are
    several: the clerk chooses)."""
    if key != "section" or not ctx.profile.has_catalogue:
        return None
    if _canonical(ctx, article.section) is not None:
        return None
    close = close_names(clean_section(article.section), ctx.profile.sections)
    return close[0] if len(close) == 1 else None


UNKNOWN_SECTION = ArticleRule(
    summary="栏目不在栏目目录中",
    doc="每篇稿件的栏目必须是 bulletin.toml 中 sections 列出的栏目之一（导出时按目录排列）。"
    "提示给出目录中最接近的栏目名，错一两个字也能找到。只有一个栏目相近（错一个字、少写几个字）时，"
    "自动改正为它；有几个相近的，在终端里自动改正时会让您选，在脚本里不改。"
    "没有栏目目录（使用内置默认设置）时不检查。",
    wrong='section = "工作动太"',
    right='section = "工作动态"',
    check=unknown_section,
    fix=fix_unknown_section,
)


def section_form(ctx: CheckContext, index: int, article: Article) -> Iterator[Hit]:
    fixed = _canonical(ctx, article.section)
    if fixed is not None and fixed != article.section:
        yield Hit(
            f"栏目名“{article.section}”的写法不对",
            f"栏目改为“{fixed}”",
            key="section",
        )


def fix_section(ctx: CheckContext, article: Article, key: str) -> FixValue | None:
    """The section name as the catalogue writes it."""
    return _canonical(ctx, article.section) if key == "section" else None


SECTION_FORM = ArticleRule(
    summary="栏目名带了【】、方括号、空格或半角符号",
    doc="栏目名只写名称本身：导出时自动加【】，所以文件里不写【】或 []，前后不留空格，"
    "引号、括号等用全角，与栏目目录中的写法完全一致。",
    wrong='section = "【“送温暖”活动】 "',
    right='section = "“送温暖”活动"',
    check=section_form,
    fix=fix_section,
)


def empty_section(ctx: CheckContext, index: int, article: Article) -> Iterator[Hit]:
    if not article.section.translate(_DROP):
        shown = (
            did_you_mean("", ctx.profile.sections, "目录中的栏目") if ctx.profile.sections else ""
        )
        yield Hit(
            "稿件没有写栏目",
            f"写上栏目，如 bulletin edit 期刊文件 序号 --section 栏目名。{shown}".rstrip("。"),
            key="section",
        )


EMPTY_SECTION = ArticleRule(
    summary="稿件没有栏目",
    doc="每篇稿件都要写 section（栏目），导出时按栏目归类；只有【】或空格也算没写。",
    wrong='section = ""',
    right='section = "工作动态"',
    check=empty_section,
)


def printed_order(ctx: CheckContext) -> tuple[int, ...] | None:
    """The order export prints the articles in: sections in catalogue order (others after, as
    first met), each section's articles in file order."""
    groups: dict[str, list[int]] = {}
    for index, article in enumerate(ctx.issue.articles):
        groups.setdefault(_group(ctx, article), []).append(index)
    rank = {name: number for number, name in enumerate(ctx.profile.sections)}
    names = sorted(groups, key=lambda name: rank.get(name, len(rank)))
    return tuple(index for name in names for index in groups[name])


def scattered_section(ctx: CheckContext) -> Iterator[Hit]:
    last_of: dict[str, int] = {}
    previous: str | None = None
    for index, article in enumerate(ctx.issue.articles):
        group = _group(ctx, article)
        if not group:
            continue
        if group != previous and group in last_of:
            yield Hit(
                f"栏目“{group}”的稿件分散：本篇与同栏目的第 {last_of[group] + 1} 篇之间隔着其他栏目",
                f"导出时会把它印在第 {last_of[group] + 1} 篇之后；建议把本篇移到那里",
                path=("articles", index, "section"),
                article=index,
            )
        last_of[group] = index
        previous = group


SCATTERED_SECTION = IssueRule(
    summary="同一栏目的稿件分散在文件各处",
    doc="导出时同一栏目的稿件集中印在一起（栏目内按文件顺序），所以文件中分散的稿件印出来的"
    "顺序会与文件不同。把同一栏目的稿件挨在一起写，文件读起来就和印出来一样。",
    wrong='[[articles]]\nsection = "工作动态"\n…\n[[articles]]\nsection = "基层交流"\n…\n'
    '[[articles]]\nsection = "工作动态"',
    right='[[articles]]\nsection = "工作动态"\n…\n[[articles]]\nsection = "工作动态"\n…\n'
    '[[articles]]\nsection = "基层交流"',
    check=scattered_section,
    fix=printed_order,
)


def section_order(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.profile.has_catalogue:
        return
    rank = {name: number for number, name in enumerate(ctx.profile.sections)}
    seen: set[str] = set()
    highest: str | None = None
    for index, article in enumerate(ctx.issue.articles):
        group = _canonical(ctx, article.section)
        if group is None or group in seen:
            continue
        seen.add(group)
        if highest is not None and rank[group] < rank[highest]:
            yield Hit(
                f"栏目“{group}”在目录中排在“{highest}”之前，文件中却写在其后",
                f"导出时按目录顺序印出；建议把“{group}”栏目的稿件移到“{highest}”之前",
                path=("articles", index, "section"),
                article=index,
            )
        elif highest is None or rank[group] > rank[highest]:
            highest = group


SECTION_ORDER = IssueRule(
    summary="栏目顺序与栏目目录不一致",
    doc="导出时栏目按 bulletin.toml 中 sections 的顺序排列。文件中的栏目顺序不同时，印出来的顺序"
    "会与文件不同；按目录顺序写稿件可以避免意外。",
    wrong='sections = ["工作动态", "基层交流"]\n# 期刊文件中先写了“基层交流”的稿件，后写“工作动态”',
    right="# 期刊文件中先写“工作动态”的稿件，再写“基层交流”",
    check=section_order,
    fix=printed_order,
)


def required_section(ctx: CheckContext) -> Iterator[Hit]:
    present = {_group(ctx, article) for article in ctx.issue.articles}
    for name in ctx.profile.required:
        if name not in present:
            yield Hit(
                f"必备栏目“{name}”没有稿件",
                f"用 bulletin add 添加一篇 --section {name} 的稿件，"
                "或在 bulletin.toml 的 required 中去掉它",
            )


REQUIRED_SECTION = IssueRule(
    summary="必备栏目没有稿件",
    doc="bulletin.toml 的 required 列出每期都必须有稿件的栏目（如“工作动态”）。"
    "这样的栏目一篇稿件也没有时报错。",
    wrong='required = ["工作动态"]\n# 本期没有 section = "工作动态" 的稿件',
    right='[[articles]]\nsection = "工作动态"\ntitle = "……"',
    check=required_section,
)
