"""Break a title over lines the way a typesetter does (GB/T 9704 7.3.1, docs/layout.md §3).

A title longer than a line is broken here, not by the renderer: into as few lines as it needs,
balanced (two lines: the longer first, a trapezoid; three: a diamond, the middle line longest,
or a trapezoid), never inside a word, a number with its unit, a range of numbers (2012—2014年度,
10～15天, 2012年至2014年), a Latin word or a 《》/“” quotation, and never with one or two
characters alone on a line. Where the subject ends and the predicate begins (before the first
verb or opening preposition, with its adverbs: 阳光社区“邻里守望”志愿服务队 / 温暖独居老人) is
the best break of all: it wins over a cut that is only better balanced. A line break the clerk wrote in the title
forces a break there; each part is then balanced on its own.

Words come from a heuristic, not a segmenter: jieba takes 150–220 ms to import and about 1 s to
load its dictionary, rjieba 125 ms to import, against about 200 ms for a whole ``bulletin
export`` (docs/performance.md). A title is short and has a few kinds of natural break, so the
heuristic scores each gap between two characters (see :func:`gap_scores`): after ，、：； (between
clauses) it is better than a balanced cut; around quotations, numbers and Latin words it is free; before a verb that titles
typically turn on (召开, 开展 …) or a preposition (在, 与 …) and after 的 it is good; anywhere
else between two Chinese characters it may split a word and costs much more than an unbalanced
shape, so it is used only when nothing else fits. The tests check the result against jieba's
word boundaries.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from dataclasses import dataclass

# never at the start of a line (closing marks, sentence punctuation) or at its end (opening)
_NO_LINE_START = frozenset("，。、：；！？）》」』”’】〕…—·%‰℃")
_NO_LINE_END = frozenset("（《「『“‘【〔")
_PAIRS = {
    "“": "”",
    "《": "》",
    "「": "」",
    "『": "』",
    "‘": "’",
    "（": "）",
    "【": "】",
    "〔": "〕",
}
_BREAK_AFTER = frozenset("，、：；")
# units and counters that belong to the number before them
_UNITS = frozenset(
    "年月日号时分秒个名人位家项次届期件元万亿千百余多岁条场所批支户米吨天周篇份类种座辆台套部本起段处倍度成亩"
)
_CN_DIGITS = frozenset("〇零一二三四五六七八九十百千两")
_ATOM = re.compile(
    # a range of numbers (2012—2014, 10～15, 2012年至2014) is one figure
    r"[0-9][0-9.]*%?[年月日号万亿千百元]?(?:[—–～~\-－至][0-9][0-9.]*%?)+"
    r"|[A-Za-z0-9][A-Za-z0-9.\-+/&'%]*"  # Latin words, numbers with their decimals
    "|第[〇零一二三四五六七八九十百千两]+"  # 第八 (its counter is added below)
)


def _words_of(text: str) -> list[str]:
    return text.split()


# Words of work bulletins' titles (written for this project, 2 to 4 characters): the title is
# cut into them by forward maximum matching; a break between two of them is good, inside one
# never. Verbs come first: a break before one keeps the subject and the action apart.
_WORDS = frozenset(
    _words_of(
        """
    召开 举行 举办 开展 启动 推进 推动 加强 加大 深化 部署 实施 落实 参加 参与 走访 慰问 看望
    表彰 签订 签署 成立 发布 出台 印发 组织 开启 完成 获得 荣获 入选 助力 推出 建立 打造 提升
    促进 服务 关爱 帮扶 走进 考察 调研 视察 检查 督查 会见 迎来 取得 实现 开通 揭牌 授牌 亮相
    圆满 顺利 隆重 全面 扎实 持续 积极 认真 深入 进一步 改进 完善 规范 创新 加快 做好 抓好
    召集 选举 当选 审议 通过 学习 宣传 贯彻 培训 交流 座谈 研讨 总结 表决 庆祝 纪念 迎接
    开幕 闭幕 结束 举办 主办 承办 协办 捐赠 捐款 救助 资助 援助 维护 保障 帮助 解决 推广
    温暖 送温暖 暖人心 进万家 独居 老人 职工 员工 农民工 劳模 劳动 模范 工匠 青年 女职工
    困难 家庭 群众 社区 企业 单位 机关 部门 基层 一线 工会 总工会 工会组织 会员 干部 领导
    政府 市政府 区政府 人民 全国 全省 全市 全区 本市 各地 城乡 农村 城市 街道 乡镇 园区
    会议 大会 联席会议 工作会议 代表大会 座谈会 推进会 现场会 培训班 活动 主题 实践 工作
    建设 发展 改革 管理 安全 生产 经济 社会 文化 技能 竞赛 大赛 比赛 作品 书画 摄影 展览 作品展
    文化宫 工人 工人文化宫 志愿 志愿者 服务队 服务站 驿站 中心 之家 阵地 平台 机制 制度
    体系 形势 新形势 新时代 新进展 进展 成效 成果 成绩 经验 做法 意见 通知 方案 计划 规划
    报告 决定 办法 条例 法律 法规 劳动法 工会法 合同 集体 协商 工资 权益 福利 待遇 保险
    春节 元旦 五一 国庆 中秋 新春 新年 年度 季度 上半年 下半年 期间 以来 情况 问题 任务
    目标 要求 重点 难点 热点 特色 品牌 亮点 经验 典型 先进 优秀 示范 明显 显著 良好 重要
    明确 新建 发展 会员 入会 建会 非公 非公企业 困难职工 一线职工 技术 创新 岗位 技能
    中华 人民 共和国 中华人民共和国 书记 主席 副主席 市长 区长 代表 委员 专家 教授 同志
    外来 务工 人员 务工人员 免费 提供 法律 咨询 职业 介绍 就业 返岗 帮助 春风 行动 革命 老区
    委员会 女职工委员会 巾帼 建功 成果 展示 人力资源 社会保障 保障局 联合 价值 慰问 慰问品
    慰问金 集体协商 全体会议 比武 技术比武 金蓝领 职业技能 教育 医疗 住房 救助金 补贴 特困
    困难户 结对 帮扶 送清凉 送岗位 送技能 送法律 心连心 手拉手 座谈 恳谈 走访 调查 研究
    党委 党组 党建 政协 人大 纪委 常委 办公室 研究室 生活部 组织部 宣传部 法律部 经济部
    独居老人 空巢老人 留守儿童 积极分子 先进集体 先进个人 集体代表 服务平台 专项行动 年夜饭
    合作协议 联席会议 职工之家 职工书屋 志愿服务 志愿服务队 农民工
    """
    )
)
_WORD_MAX = 7
# single characters that end a name (of a place, a body) or join phrases: a break beside them
# is fair even when the matching knows no word there
_NAME_ENDS = frozenset("市区县镇村省局委厅办部处科校院所站队会")
# prepositions and conjunctions a break may come before, unless they end a word
_BEFORE_WORDS = frozenset("在与和及为对向从把被将暨并给让以由于同跟")
_ENDS_WORD = frozenset(
    _words_of(
        """
    现在 存在 正在 实在 所在 参与 给与 赋予 作为 成为 因为 认为 行为 称为 较为 更为 针对 面对
    相对 绝对 核对 应对 反对 关于 对于 属于 由于 位于 等于 终于 善于 处于 至于 用于 基于 所以
    可以 予以 加以 难以 用以 得以 足以 自由 理由 缘由 经由 合并 吞并 共和 温和 平和 调和 总和
    以及 涉及 普及 危及 推向 走向 方向 指向 面向 意向 转向 一同 共同 协同 如同 合同 陪同 会同
    连同 即将 必将 终将
    """
    )
)
_AFTER_WORDS = frozenset("的了着")

# Where the predicate starts (subject | predicate is the best break of a title, better than a
# merely balanced one): the first of these verbs outside a quotation, or a preposition that
# opens the adverbial before it (2012年春节“送温暖”活动 / 在市工人文化宫启动), with the adverbs
# right before it (市总工会与市人力资源和社会保障局 / 联合召开…). A short list of the verbs and
# adverbs bulletin titles turn on, written for this project; not a segmenter.
_VERBS = frozenset(
    _words_of(
        """
    召开 举行 举办 开展 启动 推进 推动 加强 加大 深化 部署 实施 落实 参加 参与 走访 慰问 看望
    表彰 签订 签署 成立 发布 出台 印发 组织 开启 完成 获得 荣获 入选 助力 推出 建立 打造 提升
    促进 关爱 帮扶 走进 考察 调研 视察 检查 督查 会见 迎来 取得 实现 开通 揭牌 授牌 亮相
    改进 完善 规范 加快 做好 抓好 召集 选举 当选 审议 贯彻 庆祝 纪念 迎接 主办 承办 捐赠
    捐款 资助 援助 维护 保障 帮助 解决 推广 温暖 增发 发放 新建 送温暖 送清凉
    """
    )
)
_ADVERBS = frozenset(
    _words_of(
        "联合 共同 积极 认真 深入 全面 扎实 持续 隆重 圆满 顺利 进一步 大力 广泛 再次 首次 今年"
    )
)
_OPENERS = frozenset("在为对向从把被将给由")
CLAUSE = -20.0
"""The score of a gap after ，、：； (between clauses), as good as the predicate's."""
PREDICATE = -75.0
"""The score of the subject | predicate gap: it wins over a cut that is only better balanced,
unless its lines differ by more than about 9 ems (or the first is the shorter by more than 4)."""

FREE, GOOD, FAIR, SPLIT, NEVER = 0.0, 1.0, 3.0, 40.0, math.inf


def char_width(ch: str) -> float:
    """Width of ``ch`` in ems of the title's size: Chinese and full-width 1, Latin narrower."""
    if not ch.isascii():
        return 1.0
    if ch == " ":
        return 0.25
    if ch.isupper():
        return 0.7
    return 0.5


def text_width(text: str) -> float:
    return sum(char_width(ch) for ch in text)


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _atom_spans(text: str) -> list[tuple[int, int]]:
    """Stretches that must stay on one line: Latin words and numbers with their unit, 第N次,
    and quotations (when shorter than ``_QUOTE_MAX`` characters)."""
    spans: list[tuple[int, int]] = []
    for match in _ATOM.finditer(text):
        end = match.end()
        if end < len(text) and text[end] in _UNITS:
            end += 1
        spans.append((match.start(), end))
    for index, ch in enumerate(text):
        close = _PAIRS.get(ch)
        if close is None:
            continue
        end = text.find(close, index + 1)
        if end != -1 and end - index < _QUOTE_MAX:
            spans.append((index, end + 1))
    return spans


_QUOTE_MAX = 16


def words(text: str) -> list[tuple[int, int, bool]]:
    """``text`` cut by forward maximum matching against ``_WORDS``: (start, end, known) for
    each word, unknown characters one by one."""
    cuts: list[tuple[int, int, bool]] = []
    i = 0
    while i < len(text):
        for size in range(min(_WORD_MAX, len(text) - i), 1, -1):
            if text[i : i + size] in _WORDS:
                cuts.append((i, i + size, True))
                i += size
                break
        else:
            cuts.append((i, i + 1, False))
            i += 1
    return cuts


def gap_scores(text: str) -> list[float]:
    """The cost of a line break before each character ``text[i]`` (index 0: never)."""
    known_end: dict[int, bool] = {}  # gap -> whether the word before it is known
    known_start: dict[int, bool] = {}  # gap -> whether the word after it is known
    inside: set[int] = set()
    for start, end, known in words(text):
        known_end[end] = known
        known_start[start] = known
        inside.update(range(start + 1, end))
    scores = [NEVER]
    for i in range(1, len(text)):
        if i in inside:
            scores.append(NEVER)
            continue
        left = known_end[i] or text[i - 1] in _NAME_ENDS
        right = known_start[i]
        scores.append(_gap_score(text, i, left, right))
    for start, end in _atom_spans(text):
        for i in range(start + 1, end):
            scores[i] = NEVER
    predicate = predicate_start(text)
    if predicate is not None and scores[predicate] < NEVER:
        scores[predicate] = PREDICATE
    return scores


def predicate_start(text: str) -> int | None:
    """Where the predicate of ``text`` starts (see ``_VERBS``), or None: the first verb or
    opening preposition outside quotations, after a subject of two characters at least."""
    cuts = words(text)
    depth = 0
    for number, (start, end, _known) in enumerate(cuts):
        word = text[start:end]
        if word in _PAIRS:
            depth += 1
        elif word in _PAIRS.values():
            depth = max(0, depth - 1)
        elif depth == 0 and start >= 2 and _opens_predicate(text, start, word):
            while number > 0 and text[cuts[number - 1][0] : cuts[number - 1][1]] in _ADVERBS:
                number -= 1
            begin = cuts[number][0]
            return begin if begin >= 2 else None
    return None


def _opens_predicate(text: str, start: int, word: str) -> bool:
    if word in _VERBS:
        return True
    return (
        word in _OPENERS
        and text[start - 1 : start + 1] not in _ENDS_WORD
        and (text[start : start + 2] not in _ENDS_WORD)
    )


def _gap_score(text: str, i: int, left: bool, right: bool) -> float:
    """A gap between two words; ``left``/``right``: whether each side is a known word (or a
    name's last character)."""
    before, after = text[i - 1], text[i]
    if after in _NO_LINE_START or before in _NO_LINE_END or after in _AFTER_WORDS:
        return NEVER
    if before in _BREAK_AFTER:
        return CLAUSE  # between two clauses: the best place of all
    if after in _PAIRS or before in _PAIRS.values() or not (_is_han(before) and _is_han(after)):
        return GOOD
    if before in _AFTER_WORDS:
        return GOOD
    if after in _BEFORE_WORDS and text[i - 1 : i + 1] not in _ENDS_WORD:
        return GOOD if text[i : i + 2] not in _ENDS_WORD else SPLIT
    if left and right:
        return GOOD
    if left or right:
        return FAIR
    return SPLIT


@dataclass(frozen=True, slots=True)
class _Plan:
    cost: float
    lines: tuple[str, ...]


def _shape_cost(widths: list[float]) -> float:
    """How far the line widths are from a trapezoid (longer first) or, for three, a diamond."""
    spread = sum((a - b) ** 2 for a, b in itertools.pairwise(widths))
    decreasing = all(a >= b - 0.01 for a, b in itertools.pairwise(widths))
    diamond = len(widths) == 3 and widths[1] >= max(widths[0], widths[2]) - 0.01
    if decreasing or diamond:
        return spread
    return spread + 10 + 2 * sum(max(0.0, b - a) ** 2 for a, b in itertools.pairwise(widths))


def balance(text: str, capacity: float) -> list[str]:
    """``text`` (no line breaks) as balanced lines of at most ``capacity`` ems each."""
    text = text.strip()
    width = text_width(text)
    if width <= capacity or len(text) < 6:
        return [text]
    scores = gap_scores(text)
    gaps = [i for i in range(1, len(text)) if scores[i] < NEVER]
    fewest = math.ceil(width / capacity)
    for count in range(fewest, fewest + 3):
        plan = _best_plan(text, scores, gaps, count, capacity)
        if plan is not None:
            return list(plan.lines)
    return _greedy(text, scores, capacity)


_MAX_PLANS = 30_000


def _best_plan(
    text: str, scores: list[float], gaps: list[int], count: int, capacity: float
) -> _Plan | None:
    """The cheapest way to break ``text`` into ``count`` lines at ``gaps``, or None."""
    if math.comb(len(gaps), count - 1) > _MAX_PLANS:
        return None
    # widths and letters of any stretch from running sums (each plan costs O(count))
    width_to = [0.0, *itertools.accumulate(char_width(ch) for ch in text)]
    letters_to = [0, *itertools.accumulate(1 if ch.isalnum() else 0 for ch in text)]
    best: tuple[float, tuple[int, ...]] | None = None
    for cuts in itertools.combinations(gaps, count - 1):
        bounds = (0, *cuts, len(text))
        spans = list(itertools.pairwise(bounds))
        widths = [width_to[b] - width_to[a] for a, b in spans]
        if max(widths) > capacity or min(letters_to[b] - letters_to[a] for a, b in spans) < 3:
            continue
        cost = _shape_cost(widths) + sum(scores[cut] for cut in cuts)
        if best is None or cost < best[0]:
            best = (cost, bounds)
    if best is None:
        return None
    lines = tuple(text[a:b] for a, b in itertools.pairwise(best[1]))
    return _Plan(best[0], lines)


def _greedy(text: str, scores: list[float], capacity: float) -> list[str]:
    """Fill each line, breaking at the last allowed gap that fits (very long titles)."""
    lines: list[str] = []
    start = 0
    while text_width(text[start:]) > capacity:
        width, end, last_gap = 0.0, start, None
        while end < len(text) and width + char_width(text[end]) <= capacity:
            width += char_width(text[end])
            end += 1
            if end < len(text) and scores[end] < NEVER:
                last_gap = end
        cut = last_gap if last_gap is not None and last_gap > start else max(end, start + 1)
        lines.append(text[start:cut])
        start = cut
    lines.append(text[start:])
    return lines


def break_title(text: str, capacity: float) -> list[str]:
    """The lines of a title: the clerk's own breaks kept, each part balanced."""
    return list(_broken_title(text, capacity))


@functools.lru_cache(maxsize=512)
def _broken_title(text: str, capacity: float) -> tuple[str, ...]:
    """``break_title``, remembered: export and check's page model break the same titles."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = [part.strip() for part in text.split("\n")]
    lines: list[str] = []
    for part in parts:
        if part:
            lines.extend(balance(part, capacity))
    return tuple(lines)


def line_capacity(area_width_twips: int, size_pt: float) -> float:
    """How many ems of type of ``size_pt`` fit on a line of the type area, less a margin for
    the renderer's rounding."""
    return area_width_twips / 20 / size_pt - 0.05
