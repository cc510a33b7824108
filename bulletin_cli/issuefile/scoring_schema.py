"""Read the profile's ``[scoring]`` table into ``ScoringRules``, every wrong key or value a
``SchemaProblem`` that names it (and, for a typo, the key or name most likely meant)."""

from __future__ import annotations

from fractions import Fraction

from ..kinds import known_kinds
from ..scoring import JOINT_RULES, LevelPoints, ScoringRules, exact_points
from .schema import KeyPath, SchemaProblem, closest
from .schema import _describe as _describe

SCORING_KEYS: dict[str, str] = {
    "article": "数（如 10）",
    "brief": "数（如 3）",
    "sections": '表（如 { "经验交流" = 15 }）',
    "kinds": '表（如 { "增刊" = 30 }）',
    "joint": '"split" 或 "full"',
    "adoption": '表（[scoring.adoption]，如 "省级" = 20）',
    "instruction": '表（[scoring.instruction]，如 "市级" = 10）',
}
"""The keys of ``[scoring]`` and what each holds, for messages and docs."""
FORM_KEYS = {"全文": "full", "摘要": "summary"}
_NUMBER = "不小于 0 的数（整数或小数，如 10 或 2.5）"


class _ScoringReader:
    def __init__(self, sections: list[str], kinds: list[str]) -> None:
        self.problems: list[SchemaProblem] = []
        self.sections = sections
        self.kinds = known_kinds(kinds)

    def problem(self, path: KeyPath, message: str, hint: str | None = None) -> None:
        self.problems.append(SchemaProblem("wrong_type", path, message, hint))

    def points(self, value: object, path: KeyPath) -> Fraction | None:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and isinstance(value, int | float) and 0 <= value < float("inf"):
            return exact_points(value)
        shown = _describe(value)
        self.problem(path, f"{_describe_path(path)} 应为{_NUMBER}，实际是 {shown}")
        return None

    def table(self, value: object, path: KeyPath) -> dict[str, object]:
        if isinstance(value, dict):
            return value
        self.problem(path, f"{_describe_path(path)} 应为{SCORING_KEYS[str(path[-1])]}")
        return {}

    def names(
        self, table: dict[str, object], path: KeyPath, known: list[str], what: str
    ) -> dict[str, Fraction]:
        read: dict[str, Fraction] = {}
        for name, value in table.items():
            where = (*path, name)
            if known and name not in known:
                guess = closest(name, known, n=1)
                lead = f"是否应为 {guess[0]}？" if guess else ""
                self.problem(
                    where,
                    f"{_describe_path(path)} 中的“{name}”不是{what}",
                    f"{lead}可用的{what}：{'、'.join(known)}",
                )
                continue
            points = self.points(value, where)
            if points is not None:
                read[name] = points
        return read

    def levels(self, table: dict[str, object], path: KeyPath) -> dict[str, LevelPoints]:
        read: dict[str, LevelPoints] = {}
        for level, value in table.items():
            where = (*path, level)
            if isinstance(value, dict):
                read_level = self.level_forms(value, where)
                if read_level is not None:
                    read[level] = read_level
                continue
            points = self.points(value, where)
            if points is not None:
                read[level] = LevelPoints(points, points)
        return read

    def level_forms(self, table: dict[str, object], path: KeyPath) -> LevelPoints | None:
        found: dict[str, Fraction] = {}
        for form, value in table.items():
            if form not in FORM_KEYS:
                guess = closest(form, list(FORM_KEYS), n=1)
                lead = f"是否应为 {guess[0]}？" if guess else ""
                self.problem(
                    (*path, form),
                    f"{_describe_path(path)} 中的“{form}”不是采用形式",
                    f'{lead}按采用形式分别给分时写 {{ "全文" = 20, "摘要" = 10 }}',
                )
                continue
            points = self.points(value, (*path, form))
            if points is not None:
                found[form] = points
        if "全文" not in found:
            if "全文" in table:
                return None
            self.problem(
                path,
                f"{_describe_path(path)} 缺少 全文 的分数",
                '写成 { "全文" = 20, "摘要" = 10 }',
            )
            return None
        return LevelPoints(found["全文"], found.get("摘要", found["全文"]))


def _describe_path(path: KeyPath) -> str:
    return ".".join(str(part) for part in path)


def scoring_from_table(
    table: dict[str, object], *, sections: list[str], kinds: list[str]
) -> tuple[ScoringRules, list[SchemaProblem]]:
    """The rules of a ``[scoring]`` table; ``sections`` (the catalogue and briefs) and
    ``kinds`` (the profile's own) say which names its ``sections`` and ``kinds`` may use."""
    reader = _ScoringReader(sections, kinds)
    base: KeyPath = ("scoring",)
    for key in table:
        if key not in SCORING_KEYS:
            guess = closest(key, SCORING_KEYS, n=1)
            hint = f"是否应为 {guess[0]}？" if guess else f"可用的键：{'、'.join(SCORING_KEYS)}"
            reader.problems.append(
                SchemaProblem("unknown_key", (*base, key), f"未知的键 {key}（在 scoring 中）", hint)
            )
    article = reader.points(table["article"], (*base, "article")) if "article" in table else None
    brief = reader.points(table["brief"], (*base, "brief")) if "brief" in table else None
    section_points = reader.names(
        reader.table(table.get("sections", {}), (*base, "sections")),
        (*base, "sections"),
        sections,
        "栏目",
    )
    kind_points = reader.names(
        reader.table(table.get("kinds", {}), (*base, "kinds")),
        (*base, "kinds"),
        reader.kinds,
        "期刊类别",
    )
    joint = table.get("joint", "split")
    if joint not in JOINT_RULES:
        guess = closest(str(joint), list(JOINT_RULES), n=1)
        lead = f"是否应为 {guess[0]}？" if guess else ""
        reader.problem(
            (*base, "joint"),
            f'joint = “{joint}” 不对，应为 "split" 或 "full"',
            f'{lead}"split"：联合稿件的分数由各署名单位平分；"full"：每个署名单位各得全分',
        )
        joint = "split"
    adoption = reader.levels(
        reader.table(table.get("adoption", {}), (*base, "adoption")), (*base, "adoption")
    )
    instruction: dict[str, Fraction] = {}
    for level, value in reader.table(table.get("instruction", {}), (*base, "instruction")).items():
        points = reader.points(value, (*base, "instruction", level))
        if points is not None:
            instruction[level] = points
    rules = ScoringRules(
        article=article if article is not None else ScoringRules().article,
        brief=brief,
        sections=section_points,
        kinds=kind_points,
        joint="full" if joint == "full" else "split",
        adoption=adoption,
        instruction=instruction,
    )
    return rules, reader.problems
