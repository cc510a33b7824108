"""``check``: the engine that runs the rule table on an issue.

>>> from bulletin_cli.check.engine import check_file
>>> report = check_file("issues/2012-01.toml")  # doctest: +SKIP
>>> report.errors, report.warnings, report.pages  # doctest: +SKIP

The rules are listed in ``codes.py`` and defined by topic in ``rules/``: sections (S),
sources (A), text (T) and the issue as a whole (M, F, P). The engine gives each rule what it
looks at (the issue, the profile, the file's lines, the folder's other issues), turns its hits
into ``Finding``s with the exact line of the key, and attaches the fix of fixable rules.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..issuefile.store import LoadedIssue, load_issue
from ..model import Article, Issue
from ..profile import Profile, profile_for
from .codes import RULES, RULES_BY_CODE
from .core import ArticleFix, ArticleRule, CheckContext, Hit, IssueFix, IssueRule, Rule
from .findings import CheckReport, Finding, Fix, Reorder
from .siblings import siblings_of

__all__ = [
    "RULES",
    "RULES_BY_CODE",
    "CheckReport",
    "Finding",
    "Rule",
    "check_article",
    "check_file",
    "check_issue",
    "check_loaded",
]

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


def _run(ctx: CheckContext, *, strict: bool, article_only: bool = False) -> list[Finding]:
    findings: list[Finding] = []
    memo: _FixMemo = {}
    orders: dict[IssueFix, Reorder | None] = {}
    for rule in RULES:
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


def check_loaded(
    loaded: LoadedIssue, profile: Profile, *, strict: bool = False, siblings: bool = True
) -> CheckReport:
    """Every finding in a loaded issue file; ``siblings`` reads the other issue files of its
    folder for repeated 期号 and 总第N期 (a sibling that cannot be read is a finding, F003)."""
    ctx = CheckContext(
        issue=loaded.issue,
        profile=profile,
        text=loaded.text,
        positions=loaded.positions,
        path=loaded.path,
        problems=list(loaded.problems),
    )
    if siblings:
        ctx.siblings, ctx.unreadable_siblings = siblings_of(loaded.path)
    findings = _run(ctx, strict=strict)
    return CheckReport(loaded.path, findings, ctx.estimated_pages())


def check_file(
    path: Path | str, *, profile: Profile | None = None, strict: bool = False
) -> CheckReport:
    """Check one issue file with its profile (found beside or above it when ``None``).

    Raises ``FileProblem`` when the file (or its profile) cannot be read or parsed."""
    path = Path(path)
    loaded = load_issue(path)
    return check_loaded(
        loaded, profile if profile is not None else profile_for(path), strict=strict
    )


def check_issue(issue: Issue, profile: Profile, *, strict: bool = False) -> CheckReport:
    """Check an ``Issue`` built in memory (no file: findings carry no lines)."""
    ctx = CheckContext(issue=issue, profile=profile, path=None)
    return CheckReport(None, _run(ctx, strict=strict), ctx.estimated_pages())


def check_article(article: Article, profile: Profile) -> list[Finding]:
    """The article-level findings of one article (what ``add`` checks before writing); they
    carry no line and no article number."""
    ctx = CheckContext(issue=Issue(articles=[article]), profile=profile)
    return [replace(f, article=None) for f in _run(ctx, strict=False, article_only=True)]
