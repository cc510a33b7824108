"""Running rules on a check context: each hit as a ``Finding`` with its line and its fix.

``engine.py`` runs the whole table (``codes.py``) on an issue file; ``check_article`` here runs
the article rules of its first part (``content_codes.py``) on one new article, which is what
``add`` needs, without the masthead, file and page rules or the sibling issue files.
"""

from __future__ import annotations

from ..model import Article, Issue
from ..profile import Profile
from ..records import replace
from .content_codes import CONTENT_RULES
from .core import ArticleFix, ArticleRule, CheckContext, Hit, IssueFix, IssueRule, Rule
from .findings import Finding, Fix, Reorder

FIX_NOTE = "可用 bulletin check --fix 自动改正"
"""Added to the hint of every finding that carries a fix, and only to those."""

_FixMemo = dict[tuple[ArticleFix, int, str], Fix | None]


def _line(ctx: CheckContext, hit: Hit, index: int | None) -> int | None:
    if hit.line is not None or ctx.positions is None:
        return hit.line
    if hit.path is not None:
        return ctx.line(*hit.path)
    if index is not None:
        return ctx.line("articles", index, hit.key) if hit.key else ctx.line("articles", index)
    return None


def _finding(
    rule: Rule,
    ctx: CheckContext,
    hit: Hit,
    index: int | None,
    strict: bool,
    fix: Fix | Reorder | None,
) -> Finding:
    hint = hit.hint
    if fix is not None:
        hint = f"{hint}（{FIX_NOTE}）" if hint else FIX_NOTE
    return Finding(
        code=rule.code,
        severity="error" if strict else rule.severity,
        message=hit.message,
        hint=hint,
        line=_line(ctx, hit, index),
        article=None if index is None else index + 1,
        path=ctx.path,
        fix=fix,
    )


def _can_rewrite(ctx: CheckContext, index: int, key: str) -> bool:
    """Whether the value at the key is what the file says: not reported by the schema (a
    wrong type is read as a default, which a fix must not write back)."""
    return not any(
        problem.path == ("articles", index) or problem.path[:3] == ("articles", index, key)
        for problem in ctx.problems
    )


def _fix(
    definition: ArticleRule,
    ctx: CheckContext,
    index: int,
    article: Article,
    key: str | None,
    memo: _FixMemo,
) -> Fix | None:
    """The fix of the rule for the key of a hit, worked out once per article and key
    (thousands of hits on one list share one corrected list)."""
    if definition.fix is None or key is None:
        return None
    slot = (definition.fix, index, key)
    if slot not in memo:
        value = definition.fix(ctx, article, key) if _can_rewrite(ctx, index, key) else None
        changed = value is not None and value != getattr(article, key, None)
        memo[slot] = Fix(key, value) if value is not None and changed else None
    return memo[slot]


def _reorder(
    definition: IssueRule, ctx: CheckContext, memo: dict[IssueFix, Reorder | None]
) -> Reorder | None:
    """The order fix of an issue rule, worked out once per check (S003 and S004 share it)."""
    if definition.fix is None:
        return None
    if definition.fix not in memo:
        order = definition.fix(ctx)
        changed = order is not None and list(order) != list(range(len(ctx.issue.articles)))
        memo[definition.fix] = Reorder(order) if order is not None and changed else None
    return memo[definition.fix]


def run_rules(
    ctx: CheckContext, rules: tuple[Rule, ...], *, strict: bool, article_only: bool = False
) -> list[Finding]:
    """The findings of ``rules`` on ``ctx``, sorted by article, line and code; only the
    article rules when ``article_only``."""
    findings: list[Finding] = []
    memo: _FixMemo = {}
    orders: dict[IssueFix, Reorder | None] = {}
    for rule in rules:
        definition = rule.definition
        if isinstance(definition, ArticleRule):
            for index, article in enumerate(ctx.issue.articles):
                for hit in definition.check(ctx, index, article):
                    fix = _fix(definition, ctx, index, article, hit.key, memo)
                    findings.append(_finding(rule, ctx, hit, index, strict, fix))
        elif not article_only:
            for hit in definition.check(ctx):
                reorder = _reorder(definition, ctx, orders)
                findings.append(_finding(rule, ctx, hit, hit.article, strict, reorder))
    findings.sort(key=lambda f: (f.article or 0, f.line if f.line is not None else 1 << 30, f.code))
    return findings


def check_article(article: Article, profile: Profile) -> list[Finding]:
    """The article-level findings of one article (what ``add`` checks before writing); they
    carry no line and no article number."""
    ctx = CheckContext(issue=Issue(articles=[article]), profile=profile)
    return [
        replace(f, article=None)
        for f in run_rules(ctx, CONTENT_RULES, strict=False, article_only=True)
    ]
