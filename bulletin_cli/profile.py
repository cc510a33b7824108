"""The house profile (``bulletin.toml``): the office's standing settings.

Found in the issue file's folder or any parent; without one, ``DEFAULT_PROFILE`` applies, so
every command works in an empty folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import FileProblem
from .issuefile.positions import scan
from .issuefile.schema import profile_from_document
from .issuefile.store import parse_toml, read_text
from .issuefile.tomlwrite import toml_value
from .layout import LayoutSettings, layout_from_table, layout_keys
from .model import Distribution
from .scoring import ScoringRules

PROFILE_NAME = "bulletin.toml"
DEFAULT_TITLE_MAX = 40


@dataclass(slots=True)
class Profile:
    """What an office sets once: masthead, catalogue, known units, 报尾 and layout."""

    name: str = "工作简报"
    editor: str = "办公室"
    sections: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    briefs: list[str] = field(default_factory=list)
    required: list[str] = field(default_factory=list)
    max_pages: int | None = None
    title_max: int = DEFAULT_TITLE_MAX
    mark: str | None = None
    contents: bool = False
    """Whether every issue prints a 本期要目 box on page 1 (an issue's own ``contents`` wins)."""
    distribution: Distribution | None = None
    layout_table: dict[str, object] = field(default_factory=dict)
    path: Path | None = None
    unit_sections: dict[str, str] = field(default_factory=dict)
    """The section each unit's articles usually go to (``[unit_sections]``)."""
    kinds: list[str] = field(default_factory=list)
    """Issue kinds beyond the standard 增刊 专刊 专报 特刊 (``kinds``)."""
    total_kinds: list[str] = field(default_factory=list)
    """Kinds whose issues continue the regular 总第N期 series (``total_kinds``)."""
    scoring: ScoringRules | None = None
    """The rules of 信息采用积分 (``[scoring]``); ``None``: stats counts, without scores."""

    @property
    def issue_kinds(self) -> list[str]:
        """Every kind an issue may have: the standard ones, then the profile's own."""
        from .kinds import known_kinds

        return known_kinds(self.kinds)

    @property
    def layout(self) -> LayoutSettings:
        return layout_from_table(self.layout_table)

    @property
    def has_catalogue(self) -> bool:
        return bool(self.sections)


DEFAULT_PROFILE = Profile()


def find_profile(start: Path) -> Path | None:
    """The nearest ``bulletin.toml`` in ``start`` (a folder or a file's folder) or its parents."""
    folder = start if start.is_dir() else start.parent
    for candidate in [folder.resolve(), *folder.resolve().parents]:
        path = candidate / PROFILE_NAME
        if path.is_file():
            return path
    return None


def load_profile(path: Path) -> Profile:
    """Read a profile; a parse or schema error is a ``FileProblem`` naming file and line."""
    text = read_text(path)
    doc = parse_toml(text, path)
    values, problems = profile_from_document(doc)
    if problems:
        first = problems[0]
        line = scan(text).line_of(*first.path)
        raise FileProblem(path, first.message, line=line, hint=first.hint)
    profile = Profile(
        path=path,
        distribution=values.distribution,
        layout_table=values.layout,
        unit_sections=values.unit_sections,
        scoring=values.scoring,
    )
    for key, value in values.bulletin.items():
        if value is not None:
            setattr(profile, key, value)
    return profile


def profile_for(issue_path: Path) -> Profile:
    """The profile that governs an issue file (the embedded default when none is found)."""
    found = find_profile(issue_path)
    return load_profile(found) if found else DEFAULT_PROFILE


def _toml_list(items: list[str]) -> str:
    return toml_value(items)


def template_profile() -> Profile:
    """The example settings of a new ``bulletin.toml`` (what ``init`` writes without options)."""
    return Profile(
        name="工作简报",
        editor="办公室",
        sections=["工作动态", "基层交流", "一句话信息"],
        units=["办公室"],
        briefs=["一句话信息"],
        distribution=Distribution(report=["上级单位"], send=[], distribute=["各部门"], copies=50),
    )


def profile_template(profile: Profile | None = None) -> str:
    """A complete, commented ``bulletin.toml`` holding every setting (``bulletin init``)."""
    p = profile or template_profile()
    dist = p.distribution or Distribution()
    lines = [
        "# 简报的固定设置（本单位的“家规”）。bulletin 会在期刊文件所在文件夹及其上级文件夹中查找本文件。",
        "# 栏目和供稿单位可以用命令修改，不必打开本文件：bulletin sections add 经验交流、bulletin units add 阳光社区",
        "# 修改后运行 bulletin check issues/*.toml 检查各期是否仍符合要求。",
        "",
        "[bulletin]",
        "# 简报名称，印在报头（红字）",
        f"name = {toml_value(p.name)}",
        "# 编印单位，印在期号下方左侧，后面自动加“编”字",
        f"editor = {toml_value(p.editor)}",
        "# 栏目目录：导出时按此顺序排列；check 会检查每篇稿件的栏目是否在目录中",
        f"sections = {_toml_list(p.sections)}",
        "# 必须有稿件的栏目（没有稿件时 check 报错）",
        f"required = {_toml_list(p.required)}",
        "# 已知的供稿单位：不在此列表中的单位 check 会提醒（--strict 时报错）",
        f"units = {_toml_list(p.units)}",
        "# 简讯类栏目：稿件可以没有标题，每条印成一段，供稿单位接在段末",
        f"briefs = {_toml_list(p.briefs)}",
        "# 页数上限：估算页数超过时 check 给出提醒",
        f"max_pages = {p.max_pages if p.max_pages is not None else 4}",
        "# 标题最多字数：超过时 check 给出提醒",
        f"title_max = {p.title_max}",
        "# 报头左上角标识，如“内部资料”；不需要就留空",
        f"mark = {toml_value(p.mark or '')}",
        '# 本单位另有的期刊类别（增刊、专刊、专报、特刊随时可用，不必写），如 ["情况反映"]',
        f"kinds = {_toml_list(p.kinds)}",
        '# 总期号接着正刊编的类别（不写则总期号只算正刊），如 ["增刊"]',
        f"total_kinds = {_toml_list(p.total_kinds)}",
        "",
        "# 报尾（报、送、发和印数）的默认值；某一期可在其文件的 [distribution] 中另写",
        "[distribution]",
        "# 报：上级机关",
        f"report = {_toml_list(dist.report)}",
        "# 送：同级机关",
        f"send = {_toml_list(dist.send)}",
        "# 发：下级单位",
        f"distribute = {_toml_list(dist.distribute)}",
        "# 印数（共印N份）",
        f"copies = {dist.copies if dist.copies is not None else 50}",
        "",
        "# 各供稿单位的常用栏目：add --from 和 collect 收稿时，稿件没写栏目就放进这里写的栏目",
        '# 一行一个单位，如 "阳光社区" = "基层交流"；也可以运行 bulletin units add 阳光社区 --section 基层交流',
        "[unit_sections]",
        *(
            f"{toml_value(unit)} = {toml_value(section)}"
            for unit, section in p.unit_sections.items()
        ),
        "",
        "# 版式设置：以下均为国家标准 GB/T 9704 式样的默认值，需要时才修改",
        '# （例如本机没有 仿宋_GB2312 时，把 face_body 改为 "仿宋"）',
        "[layout]",
    ]
    overrides = p.layout_table
    for key, (_kind, default, doc) in layout_keys().items():
        lines.append(f"# {doc}")
        lines.append(f"{key} = {toml_value(overrides.get(key, default))}")
    lines += SCORING_TEMPLATE
    return "\n".join(lines) + "\n"


SCORING_TEMPLATE = [
    "",
    "# 信息采用积分（可选）：要按规则给各单位计分，就去掉下面各行开头的 # 并按本单位的规则改分数，",
    "# 或者运行 bulletin scoring set article 10 等命令（见 bulletin scoring --help）",
    "# [scoring]",
    "# article = 10                      # 本刊采用一篇",
    "# brief = 5                         # 一条简讯",
    '# kinds = { "增刊" = 30 }            # 增刊等每篇另计',
    '# joint = "split"                   # 联合稿件：split 各单位平分，full 各得全分',
    "# [scoring.adoption]                # 每被上级采用一次加分，按级别",
    '# "市级" = 10',
    '# "省级" = { "全文" = 20, "摘要" = 10 }',
    "# [scoring.instruction]             # 每获领导批示一次加分，按级别",
    '# "市级" = 10',
    '# "省级" = 30',
]
"""The commented ``[scoring]`` example at the end of ``bulletin init``'s profile."""
