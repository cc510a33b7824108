"""``check``: the rule registry and the engine that runs it on an issue.

>>> from bulletin_cli.check.engine import check_file
>>> report = check_file("issues/2012-01.toml")  # doctest: +SKIP
>>> report.errors, report.warnings, report.pages  # doctest: +SKIP

The rules themselves live in ``rules_sections`` (S), ``rules_sources`` (A), ``rules_text`` (T)
and ``rules_issue`` (M, F, P); ``docs/rules.md`` is generated from them by
``python -m bulletin_cli.check.engine``.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from ..issuefile.store import LoadedIssue, load_issue
from ..model import Article, Issue
from ..profile import Profile, profile_for
from .core import RULES, CheckContext, Hit, Rule
from .findings import CheckReport, Finding
from .pages import estimate_pages
from .rules import issue as _rules_issue  # noqa: F401  (registers M, F, P rules)
from .rules import sections as _rules_sections  # noqa: F401  (registers S rules)
from .rules import sources as _rules_sources  # noqa: F401  (registers A rules)
from .rules import text as _rules_text  # noqa: F401  (registers T rules)

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
    "rules_markdown",
]

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def _finding(rule: Rule, ctx: CheckContext, hit: Hit, index: int | None, strict: bool) -> Finding:
    line = hit.line
    if line is None and ctx.positions is not None:
        if hit.path is not None:
            line = ctx.line(*hit.path)
        elif index is not None:
            line = ctx.line("articles", index, hit.key) if hit.key else ctx.line("articles", index)
    return Finding(
        code=rule.code,
        severity="error" if strict else rule.severity,
        message=hit.message,
        hint=hit.hint,
        line=line,
        article=None if index is None else index + 1,
        path=ctx.path,
    )


def _run(ctx: CheckContext, *, strict: bool, article_only: bool = False) -> list[Finding]:
    findings: list[Finding] = []
    for rule in RULES:
        if rule.check_article is not None:
            for index, article in enumerate(ctx.issue.articles):
                for hit in rule.check_article(ctx, index, article):
                    findings.append(_finding(rule, ctx, hit, index, strict))
        elif rule.check_issue is not None and not article_only:
            for hit in rule.check_issue(ctx):
                findings.append(_finding(rule, ctx, hit, hit.article, strict))
    findings.sort(key=lambda f: (f.article or 0, f.line if f.line is not None else 1 << 30, f.code))
    return findings


def check_loaded(
    loaded: LoadedIssue, profile: Profile, *, strict: bool = False, siblings: bool = True
) -> CheckReport:
    """Every finding in a loaded issue file; ``siblings`` reads the other issue files of its
    folder for repeated 期号 and 总第N期."""
    ctx = CheckContext(
        issue=loaded.issue,
        profile=profile,
        text=loaded.text,
        positions=loaded.positions,
        path=loaded.path,
        problems=list(loaded.problems),
        siblings=siblings,
    )
    findings = _run(ctx, strict=strict)
    pages = ctx.cache.get("pages")
    if not isinstance(pages, int):
        pages = estimate_pages(loaded.issue, profile)
    return CheckReport(loaded.path, findings, pages)


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
    return CheckReport(None, _run(ctx, strict=strict), estimate_pages(issue, profile))


def check_article(article: Article, profile: Profile) -> list[Finding]:
    """The article-level findings of one article (what ``add`` checks before writing); they
    carry no line and no article number."""
    ctx = CheckContext(issue=Issue(articles=[article]), profile=profile)
    return [replace(f, article=None) for f in _run(ctx, strict=False, article_only=True)]


def rules_markdown() -> str:
    """``docs/rules.md``: every rule with its code, severity, summary, doc and examples."""
    severity = {"error": "错误", "warning": "提醒"}
    groups = {
        "S": "栏目（section）",
        "A": "供稿单位（sources）",
        "T": "标题、正文与文字",
        "M": "报头（[issue]）",
        "F": "文件与键",
        "P": "篇幅",
    }
    lines = [
        "# check 的规则",
        "",
        "<!-- 本文件由 `python -m bulletin_cli.check.engine > docs/rules.md` 从规则表生成，请勿手改。 -->",
        "",
        "`bulletin check` 逐条检查下列规则。每条规则有固定的编号（JSON 输出中的 `code`），"
        "编号不会改变。“错误”使 check 以退出码 1 结束，导出也会拒绝；“提醒”不影响退出码，"
        "但加 `--strict` 时一律作为错误。标有“可自动改正”的规则，`bulletin check --fix` "
        "会直接改正文件（其余内容一字不动）并列出每处改动。",
        "",
        "| 编号 | 级别 | 规则 |",
        "|---|---|---|",
    ]
    for rule in sorted(RULES, key=lambda item: (list(groups).index(item.code[0]), item.code)):
        lines.append(
            f"| [{rule.code}](#{rule.code.lower()}) | {severity[rule.severity]} | {rule.summary} |"
        )
    current = ""
    for rule in sorted(RULES, key=lambda item: (list(groups).index(item.code[0]), item.code)):
        if rule.code[0] != current:
            current = rule.code[0]
            lines += ["", f"## {current}：{groups[current]}"]
        fixable = "，可自动改正（`--fix`）" if rule.fixable else ""
        lines += [
            "",
            f"### {rule.code}",
            "",
            f"**{rule.summary}**（{severity[rule.severity]}{fixable}）",
            "",
            rule.doc,
            "",
            "错误的写法：",
            "",
            "```toml",
            rule.wrong,
            "```",
            "",
            "正确的写法：",
            "",
            "```toml",
            rule.right,
            "```",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Print ``docs/rules.md``."""
    sys.stdout.write(rules_markdown())


if __name__ == "__main__":
    main()
