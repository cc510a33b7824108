"""Masthead, file and page rules: M001–M006, F001–F003, P001–P002."""

from __future__ import annotations

from collections.abc import Iterator

from ...issuefile.schema import SchemaProblem, closest
from ...kinds import REGULAR, total_series
from ..core import CheckContext, Hit, IssueRule
from ..pages import checked_fit, estimated_pages
from ..siblings import sibling_snapshot as sibling_snapshot  # re-exported: export's batch uses it
from .text import BAD_CHARACTER_HINT, bad_character_hits

_MASTHEAD_NAMES = {"name": "简报名称", "editor": "编印单位", "mark": "报头标识", "note": "编者按"}
_DISTRIBUTION_NAMES = {"report": "报", "send": "送", "distribute": "发"}


def _article_of(path: tuple[str | int, ...]) -> int | None:
    if len(path) >= 2 and path[0] == "articles" and isinstance(path[1], int):
        return path[1]
    return None


def _is_about(problem: SchemaProblem, key: str) -> bool:
    """Whether a schema problem is about ``[issue]`` ``key`` (wrong type, or missing)."""
    return problem.path == ("issue", key)


def unknown_key(ctx: CheckContext) -> Iterator[Hit]:
    for problem in ctx.problems:
        if problem.kind != "unknown_key":
            continue
        key = str(problem.path[-1])
        article = _article_of(problem.path)
        if article is not None:
            where = f"第 {article + 1} 篇稿件中"
        elif len(problem.path) > 1:
            where = f"[{problem.path[0]}] 中"
        else:
            where = "文件顶层"
        yield Hit(f"{where}有未知的键 {key}", problem.hint, path=problem.path, article=article)


UNKNOWN_KEY = IssueRule(
    summary="未知的键（多半是拼写错误）",
    doc="期刊文件中每个键都必须是 bulletin 认识的键（见 docs/format.md）。拼错的键（如 tilte、"
    "sourse）不会被悄悄忽略：它的内容不会印出来，所以报错，并给出最可能想写的键。",
    wrong='tilte = "市总工会召开全委会"',
    right='title = "市总工会召开全委会"',
    check=unknown_key,
)


def wrong_type(ctx: CheckContext) -> Iterator[Hit]:
    for problem in ctx.problems:
        if problem.kind == "unknown_key" or _is_about(problem, "number"):
            continue
        if _is_about(problem, "date"):
            continue
        yield Hit(
            problem.message, problem.hint, path=problem.path, article=_article_of(problem.path)
        )


WRONG_TYPE = IssueRule(
    summary="键的值类型不对",
    doc="每个键的值有固定的类型：文本要加引号，sources 和报尾各项是文本列表（方括号），"
    "number、total、copies 是不加引号的整数，date 是不加引号的日期。消息给出键名和应有的类型。",
    wrong='sources = "市总办公室"\ncopies = "120"',
    right='sources = ["市总办公室"]\ncopies = 120',
    check=wrong_type,
)


def unreadable_sibling(ctx: CheckContext) -> Iterator[Hit]:
    for sibling in ctx.unreadable_siblings:
        name = sibling.path.name
        yield Hit(
            f"同一文件夹中的 {name} 无法读取（{sibling.problem}），未能核对本期的期号和总期号"
            "是否与它重复",
            f"运行 bulletin check {sibling.path} 查看并改正，或把它移出这个文件夹",
        )


UNREADABLE_SIBLING = IssueRule(
    summary="同一文件夹中另一期的文件无法读取",
    doc="check 读取同一文件夹中的其他期刊文件，核对期号（M003）和总期号（M004）是否重复。"
    "其中有文件无法读取或不是正确的 TOML 时，本期照常检查，并提醒这一期未能与那个文件核对。",
    wrong="# issues/2012-02.toml 中有一行写坏了\nnumber = [[[",
    right="# issues/2012-02.toml\nnumber = 2",
    check=unreadable_sibling,
)


def issue_number(ctx: CheckContext) -> Iterator[Hit]:
    about = [problem for problem in ctx.problems if _is_about(problem, "number")]
    for problem in about:
        yield Hit(problem.message, problem.hint, path=("issue", "number"))
    if not about and ctx.issue.number < 1:
        yield Hit(
            f"期号“{ctx.issue.number}”不对，应不小于 1",
            "把 [issue] 下的期号 number 改为本年度的第几期（从 1 起）",
            path=("issue", "number"),
        )


ISSUE_NUMBER = IssueRule(
    summary="期号缺失或小于 1",
    doc="[issue] 的 number 是本年度第几期，为不加引号的正整数，印在报头“第1期”。",
    wrong="[issue]\nnumber = 0",
    right="[issue]\nnumber = 1",
    check=issue_number,
)


def issue_date(ctx: CheckContext) -> Iterator[Hit]:
    for problem in ctx.problems:
        if _is_about(problem, "date"):
            yield Hit(problem.message, problem.hint, path=("issue", "date"))


ISSUE_DATE = IssueRule(
    summary="印发日期缺失或不是日期",
    doc="[issue] 的 date 是印发日期，按 年-月-日 写成不加引号的 TOML 日期，如 2012-01-20；"
    "加了引号或写成“2012年1月20日”都不是日期。",
    wrong='date = "2012年1月20日"',
    right="date = 2012-01-20",
    check=issue_date,
)


def repeated_number(ctx: CheckContext) -> Iterator[Hit]:
    issue = ctx.issue
    if issue.date is None or issue.number < 1:
        return
    kind = issue.kind or None
    for sibling in ctx.siblings:
        same = sibling.number == issue.number and sibling.year == issue.date.year
        if same and sibling.kind == kind:
            path = sibling.path
            yield Hit(
                f"{issue.date.year} 年{kind or ''}第 {issue.number} 期已经有了：{path.name}",
                f"改正本期或 {path.name} 的期号 number",
                path=("issue", "number"),
            )


REPEATED_NUMBER = IssueRule(
    summary="同一年度有另一期的期号相同",
    doc="check 会读取同一文件夹中的其他期刊文件：同一年里同一类别（正刊，或增刊、专刊等 kind）"
    "的两期 number（期号）相同时报错，提示给出另一期的文件名。增刊第1期与正刊第1期各自编号，不算重复。",
    wrong="# issues/2012-01.toml 与 issues/2012-02.toml 中都写着\nnumber = 1",
    right="# issues/2012-02.toml\nnumber = 2",
    check=repeated_number,
)


def repeated_total(ctx: CheckContext) -> Iterator[Hit]:
    total = ctx.issue.total
    if total is None:
        return
    total_kinds = ctx.profile.total_kinds
    series = total_series(ctx.issue.kind, total_kinds)
    for sibling in ctx.siblings:
        if sibling.total == total and total_series(sibling.kind, total_kinds) == series:
            path = sibling.path
            yield Hit(
                f"总第 {total} 期已经有了：{path.name}",
                f"改正本期或 {path.name} 的总期号 total",
                path=("issue", "total"),
            )


REPEATED_TOTAL = IssueRule(
    summary="另一期的总期号相同",
    doc="total（总第N期）在各期之间不能重复。check 会读取同一文件夹中的其他期刊文件，"
    "发现相同的总期号时报错。总期号只在同一序列里比较：正刊一个序列（bulletin.toml 的 "
    "total_kinds 列出的类别也算在内），其余每个类别（增刊等）各自一个序列。",
    wrong="# issues/2011-12.toml 与 issues/2012-01.toml 中都写着\ntotal = 215",
    right="# issues/2012-01.toml\ntotal = 215\n# issues/2011-12.toml\ntotal = 214",
    check=repeated_total,
)


def unknown_kind(ctx: CheckContext) -> Iterator[Hit]:
    kind = ctx.issue.kind
    if kind is None or any(_is_about(problem, "kind") for problem in ctx.problems):
        return
    known = ctx.profile.issue_kinds
    if kind in known:
        return
    if kind.strip() in ("", REGULAR):
        yield Hit(
            f"类别（kind）写的是“{kind}”：正刊不写类别",
            "删去 [issue] 中 kind 这一行",
            path=("issue", "kind"),
        )
        return
    guess = closest(kind, known, n=1)
    lead = f"是否应为 {guess[0]}？" if guess else ""
    yield Hit(
        f"没有“{kind}”这一期刊类别（kind）",
        f"{lead}可用的类别：{'、'.join(known)}；别的类别先在 bulletin.toml 的 kinds 里加上“{kind}”",
        path=("issue", "kind"),
    )


UNKNOWN_KIND = IssueRule(
    summary="期刊类别（kind）不认识",
    doc="[issue] 的 kind 写增刊、专刊、专报、特刊，或 bulletin.toml 的 kinds 中列出的类别；"
    "正刊不写 kind。写错的类别会让这一期混进别的期号序列，所以报错，并给出最接近的类别。",
    wrong='[issue]\nkind = "增干"',
    right='[issue]\nkind = "增刊"',
    check=unknown_kind,
)


def bad_characters_in_masthead(ctx: CheckContext) -> Iterator[Hit]:
    issue = ctx.issue
    for key, name in _MASTHEAD_NAMES.items():
        value = getattr(issue, key)
        if isinstance(value, str):
            for message, _offset in bad_character_hits(name, value):
                yield Hit(message, BAD_CHARACTER_HINT, path=("issue", key))
    if issue.distribution is not None:
        for key, name in _DISTRIBUTION_NAMES.items():
            for value in getattr(issue.distribution, key):
                for message, _offset in bad_character_hits(f"报尾“{name}”", value):
                    yield Hit(message, BAD_CHARACTER_HINT, path=("distribution", key))


BAD_CHARACTERS_IN_MASTHEAD = IssueRule(
    summary="报头或报尾含有无法写入 Word 文档的字符",
    doc="与 T007 相同，但针对 [issue]（简报名称、编印单位、标识、编者按）和 [distribution]"
    "（报、送、发）中的文字。",
    wrong='[issue]\nnote = "编者按\\u0007……"',
    right='[issue]\nnote = "编者按……"',
    check=bad_characters_in_masthead,
)


def page_budget(ctx: CheckContext) -> Iterator[Hit]:
    limit = ctx.profile.max_pages
    if limit is None:
        return
    pages = estimated_pages(ctx)
    if pages > limit:
        yield Hit(
            f"估计要印 {pages} 页，超过 {limit} 页的上限",
            f"删减或压缩稿件，或在 bulletin.toml 中把页数上限 max_pages 改为 {pages}",
        )


PAGE_BUDGET = IssueRule(
    summary="估计页数超过页数上限",
    doc="check 按 Word 排版导出文件的方式逐行推算印出的页数：每行按字体的实际字宽断行（汉字和全角标点"
    "一个字，数字和西文按 Times New Roman 的字宽，正文每字紧缩 0.25 磅），遵守避头尾（句号、逗号、"
    "后引号等不出现在行首，前引号、前括号不出现在行尾，标点不悬挂在版心外），标题按 export 的断行，"
    "栏目标题、标题、副标题与正文前两行不分页，报头和报尾按实际高度计入，报尾排不下时另占一页；"
    "超过 bulletin.toml 的 max_pages 时提醒。推算结果与 Word 和 export --pdf 的分页逐行核对过"
    "（docs/layout.md §6）。",
    wrong="max_pages = 4\n# 本期稿件估计要印 6 页",
    right="max_pages = 6  # 或删减、压缩稿件",
    check=page_budget,
)


def distribution_alone(ctx: CheckContext) -> Iterator[Hit]:
    fit = checked_fit(ctx)
    message = fit.message()
    if message:
        yield Hit(
            message,
            f"删减或压缩稿件共 {fit.lines_to_cut} 行（约 {fit.lines_to_cut * 28} 字），"
            "或删去一篇短稿",
            path=("distribution",),
        )


DISTRIBUTION_ALONE = IssueRule(
    summary="报尾将单独占最后一页",
    doc="check 按 Word 排版导出文件的方式逐行推算正文在最后一页排到哪里（与 P001 同一个推算）；报尾"
    "（报、送、发、印数和上下的线）的实际高度排不进正文最后一页的下端时，就会印在新的一页上。提醒给出"
    "要删减的行数：正文少这么多行，报尾就回到正文最后一页的下端，少一行都不够。"
    "bulletin export 导出时也给出同样的提醒。",
    wrong="# 正文最后一页用了 20 行，报尾 4 行排不下，单独印在第 5 页",
    right="# 删减 2 行正文后，报尾排在第 4 页下端",
    check=distribution_alone,
)
