"""Rules about an article's records of adoption above and leaders' 批示 (R001)."""

from __future__ import annotations

from collections.abc import Iterator

from ..core import CheckContext, Hit, IssueRule


def unscored_level(ctx: CheckContext) -> Iterator[Hit]:
    rules = ctx.profile.scoring
    if rules is None:
        return
    for index, article in enumerate(ctx.issue.articles):
        adopted = [record.level for record in article.adopted]
        given = [record.level for record in article.instructions]
        yield from _levels(index, "adopted", adopted, list(rules.adoption))
        yield from _levels(index, "instructions", given, list(rules.instruction))


def _levels(index: int, key: str, levels: list[str], known: list[str]) -> Iterator[Hit]:
    what, command = _NAMES[key]
    for number, level in enumerate(levels):
        if not level or level in known:
            continue
        listed = "、".join(known) if known else "（还没有列出任何级别）"
        yield Hit(
            f"{what}的级别“{level}”不在积分规则中，这一条无法计分",
            f"改成已有的级别：{listed}；或运行 bulletin scoring {command} {level} 分数，加上这一级别",
            path=("articles", index, key, number, "level"),
            article=index,
        )


_NAMES = {
    "adopted": ("上级采用", "adoption"),
    "instructions": ("批示", "instruction"),
}


UNSCORED_LEVEL = IssueRule(
    summary="上级采用或批示的级别在积分规则中没有",
    doc="bulletin.toml 有 [scoring]（信息采用积分）时，稿件的每条上级采用记录 "
    "[[articles.adopted]] 和批示记录 [[articles.instructions]] 的 level 都要是 "
    "[scoring.adoption] 或 [scoring.instruction] 中列出的级别，否则这一条算不出分数。"
    "没有 [scoring] 时不检查级别。",
    wrong='[[articles.adopted]]\nby = "省委办公厅《江苏信息》"\nlevel = "省部级"',
    right='[[articles.adopted]]\nby = "省委办公厅《江苏信息》"\nlevel = "省级"',
    check=unscored_level,
)
