"""``docs/rules.md``, generated from the rule table:

    python -m bulletin_cli.check.docgen > docs/rules.md

Whether a rule is marked fixable comes from the rule itself (it has a fix function), so the
page cannot promise a fix that ``check --fix`` does not make; a test ties the two together.
"""

from __future__ import annotations

import sys

from .codes import GROUPS, RULES
from .core import Rule

COMMAND = "python -m bulletin_cli.check.docgen > docs/rules.md"
_SEVERITY = {"error": "错误", "warning": "提醒"}
FIXABLE_MARK = "，可自动改正（`--fix`）"
"""What follows the severity of a fixable rule in its heading line."""


def _ordered() -> list[Rule]:
    return sorted(RULES, key=lambda rule: (list(GROUPS).index(rule.code[0]), rule.code))


def _section(rule: Rule) -> list[str]:
    fixable = FIXABLE_MARK if rule.fixable else ""
    doc = rule.doc
    if rule.fixable:
        doc += "`bulletin check --fix` 会自动改正。"
    return [
        "",
        f"### {rule.code}",
        "",
        f"**{rule.summary}**（{_SEVERITY[rule.severity]}{fixable}）",
        "",
        doc,
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


def rules_markdown() -> str:
    """``docs/rules.md``: every rule with its code, severity, summary, doc and examples."""
    lines = [
        "# check 的规则",
        "",
        f"<!-- 本文件由 `{COMMAND}` 从规则表（bulletin_cli/check/codes.py）生成，请勿手改。 -->",
        "",
        "`bulletin check` 逐条检查下列规则。每条规则有固定的编号（JSON 输出中的 `code`），"
        "编号不会改变。“错误”使 check 以退出码 1 结束，导出也会拒绝；“提醒”不影响退出码，"
        "但加 `--strict` 时一律作为错误。标有“可自动改正”的规则，`bulletin check --fix` "
        "会直接改正文件（其余内容一字不动）并列出每处改动，每次改正记为一步撤销记录。",
        "",
        "| 编号 | 级别 | 规则 |",
        "|---|---|---|",
    ]
    for rule in _ordered():
        fixable = "（可自动改正）" if rule.fixable else ""
        lines.append(
            f"| [{rule.code}](#{rule.code.lower()}) | {_SEVERITY[rule.severity]} "
            f"| {rule.summary}{fixable} |"
        )
    current = ""
    for rule in _ordered():
        if rule.code[0] != current:
            current = rule.code[0]
            lines += ["", f"## {current}：{GROUPS[current]}"]
        lines += _section(rule)
    return "\n".join(lines) + "\n"


def main() -> None:
    """Print ``docs/rules.md``."""
    sys.stdout.write(rules_markdown())


if __name__ == "__main__":
    main()
