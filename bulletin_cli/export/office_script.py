"""Run by LibreOffice's own Python, never imported by bulletin: DOCX to PDF through UNO.

``python office_script.py PIPE`` connects to the LibreOffice that bulletin started with
``--accept=pipe,name=PIPE;urp;``, prints ``{"ready": true}`` and then converts one document
for each line read from standard input (``{"docx": PATH, "pdf": PATH}``), answering each with
one line: ``{"ok": true}`` or ``{"error": TEXT}``. It ends at the end of its input.

Between loading and exporting it sets on every paragraph style and every paragraph (body,
tables, headers and footers) what LibreOffice 7.4's DOCX import leaves out
(docs/layout.md §7): no Asian/Latin spacing (``ParaIsCharacterDistance``, from
``w:autoSpaceDE``), no hanging punctuation (``ParaIsHangingPunctuation``, ``w:overflowPunct``),
kinsoku on (``ParaIsForbiddenRules``); and it widens each paragraph that has a bottom border and
no side borders by Word's border overhang, so its rule spans what Word's does.

Standard library and ``uno`` only, and Python 3.8 syntax: LibreOffice for Windows and macOS
ships its own Python, often older than bulletin's.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
import zipfile
from typing import Any
from xml.etree import ElementTree

try:
    import uno  # type: ignore[import-not-found]
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
except ImportError:  # read, not run, by bulletin's own Python (which has no uno)
    uno = PropertyValue = None

CONNECT_SECONDS = 120.0
# Word's paragraph-border overhang (export/styles.py WORD_BORDER_OVERHANG, 29 twips) in the
# 1/100 mm of UNO lengths
BORDER_OVERHANG = round(29 * 2540 / 1440)
SETTINGS = (
    ("ParaIsCharacterDistance", False),
    ("ParaIsHangingPunctuation", False),
    ("ParaIsForbiddenRules", True),
)


def _property(name: str, value: Any) -> Any:
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def _say(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def connect(pipe: str) -> Any:
    """The component context of the LibreOffice listening on ``pipe`` (waits for it to
    start)."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(url)
            break
        except Exception:  # NoConnectException until it listens
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    return context


def _paragraphs(text: Any) -> Any:
    """Every paragraph of a text, those in its tables' cells included."""
    enumeration = text.createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                yield from _paragraphs(element.getCellByName(name))
        elif element.supportsService("com.sun.star.text.Paragraph"):
            yield element


def _widen_bordered(paragraph: Any) -> None:
    """A paragraph with a bottom border and no side borders: as wide as Word draws it."""
    bottom = paragraph.BottomBorder
    if bottom.LineWidth == 0 and bottom.OuterLineWidth == 0:
        return
    if paragraph.LeftBorder.LineWidth or paragraph.RightBorder.LineWidth:
        return
    paragraph.setPropertyValues(
        ("ParaLeftMargin", "ParaRightMargin", "ParaFirstLineIndent"),
        (
            paragraph.ParaLeftMargin - BORDER_OVERHANG,
            paragraph.ParaRightMargin - BORDER_OVERHANG,
            paragraph.ParaFirstLineIndent + BORDER_OVERHANG,
        ),
    )


# i18n ScriptType: LATIN 1, ASIAN 2, COMPLEX 3, WEAK 4
_WEAK = 4
TWIPS_PER_MM100 = 1440 / 2540


def _twips(mm100: int) -> int:
    return round(mm100 * TWIPS_PER_MM100)


def _mm100(twips: int) -> int:
    return round(twips / TWIPS_PER_MM100)


def _scripts(breaks: Any, text: str) -> list[int]:
    """The script LibreOffice sets each character of ``text`` in: a weak character (quotes,
    dashes, spaces) takes the script before it, or at the start the first one after it."""
    scripts = [0] * len(text)
    at = 0
    while at < len(text):
        kind = breaks.getScriptType(text, at)
        end = breaks.endOfScript(text, at, kind)
        if end <= at:
            end = at + 1
        scripts[at:end] = [kind] * (end - at)
        at = end
    strong = next((kind for kind in scripts if kind != _WEAK), 2)
    for index, kind in enumerate(scripts):
        if kind == _WEAK:
            scripts[index] = strong
        else:
            strong = kind
    return scripts


def _segments(paragraph: Any, breaks: Any) -> list[tuple[int, int, int]]:
    """(start, length, letter spacing in twips) of each stretch LibreOffice sets as one
    portion: the same attributes (a UNO text portion) and the same script."""
    text = paragraph.getString()
    scripts = _scripts(breaks, text)
    segments: list[tuple[int, int, int]] = []
    at = 0
    portions = paragraph.createEnumeration()
    while portions.hasMoreElements():
        portion = portions.nextElement()
        if portion.TextPortionType != "Text":
            length = len(portion.getString())
            at += length
            continue
        piece = portion.getString()
        kern = _twips(portion.CharKerning)
        start = at
        for index in range(1, len(piece) + 1):
            here = at + index
            if (
                index == len(piece)
                or scripts[here] != scripts[here - 1]
                or piece[index - 1] in "\n\t"
            ):
                segments.append((start, here - start, kern))
                start = here
        at += len(piece)
    return segments


def _plan(length: int, total: int, limit: int) -> tuple[int, int] | None:
    """How ``length`` characters set as one portion (LibreOffice spaces ``length - 1`` of
    them) take ``total`` twips of spacing: all spaced ``y``, the last two spaced ``x`` as a
    portion of their own, as ``(y, x)``; None when that needs more than ``limit`` twips."""
    if length < 2:
        return None
    if total % (length - 1) == 0:
        y = total // (length - 1)
        return (y, y) if abs(y) <= limit else None
    if length == 2:
        return None
    # prefix of length - 2 characters spaced y (length - 3 of them), suffix of two spaced x
    y = round(total / (length - 1))
    x = total - (length - 3) * y
    return (y, x) if abs(x) <= limit and abs(y) <= limit else None


def compensate_spacing(paragraph: Any, breaks: Any) -> None:
    """Give every portion the letter spacing Word gives it.

    Word spaces every character by its ``w:spacing``; LibreOffice spaces all but the last
    character of each portion (measured: a run of quotation marks or digits costs its
    neighbour and its own last character 0.25 pt each of the body's condensing), so a line
    with digits or quotes held less than in Word. Each portion's spacing is redistributed so
    that it is as wide as in Word: a portion of one character (a quotation mark, a digit)
    cannot be spaced, and its share goes to the nearest longer portion."""
    segments = [item for item in _segments(paragraph, breaks) if item[2] != 0]
    if not segments:
        return
    text = paragraph.getString()
    totals = [
        (length - sum(text.count(mark, start, start + length) for mark in _INVISIBLE)) * kern
        if length >= 2
        else 0
        for start, length, kern in segments
    ]
    long_ones = [i for i, (_, length, _) in enumerate(segments) if length >= 2]
    if not long_ones:
        return
    for start, length, kern in segments:
        if length >= 2:
            continue
        # the portion whose last characters (where its spacing changes) lie nearest; of two
        # as near, the longer (its spacing can take more)
        nearest = min(
            long_ones, key=lambda j: (abs(sum(segments[j][:2]) - 1 - start), -segments[j][1])
        )
        totals[nearest] += kern
    changes: list[tuple[int, int, int]] = []  # (start, length, spacing) to set
    carried = 0
    for index in long_ones:
        start, length, kern = segments[index]
        total = totals[index] + carried
        plan = _plan(length, total, max(5 * abs(kern), 25))
        if plan is None:  # too much for this portion: the next one takes what it cannot
            carried = total - (length - 1) * kern
            continue
        carried = 0
        y, x = plan
        if y == x:
            if y != kern:
                changes.append((start, length, y))
            continue
        if y != kern:
            changes.append((start, length - 2, y))
        changes.append((start + length - 2, 2, x))
    if not changes:
        return
    # one cursor moved forward from change to change (each move from the paragraph's start
    # would cost as much as the text before it)
    cursor = paragraph.getText().createTextCursorByRange(paragraph.getStart())
    at = 0
    for start, length, spacing in changes:
        cursor.collapseToEnd()
        cursor.goRight(start - at, False)
        cursor.goRight(length, True)
        cursor.CharKerning = _mm100(spacing)
        at = start + length


# closing marks after which LibreOffice (breaking the Latin text as en-US) finds no line break
# before a letter or digit, where Word does (measured: 。，、）”》 before 3 or A)
_CLOSING = "。，、）”’》」』】〕〗〉"
_ZWSP = "\u200b"


_JOINER = "\u2060"
_INVISIBLE = (_ZWSP, _JOINER)


def mend_breaks(paragraph: Any) -> None:
    """Line breaks as Word finds them: a zero-width space between a closing mark and a
    following letter or digit (LibreOffice finds no break there, Word does), a word joiner
    between a letter or digit and a dash (LibreOffice breaks 800|—900, Word does not). Both
    are neither drawn nor extracted from the PDF, and the spacing compensation skips them."""
    text = paragraph.getString()
    places: list[tuple[int, str]] = []
    for index in range(len(text) - 1):
        this, after = text[index], text[index + 1]
        if this in _CLOSING and after.isascii() and after.isalnum():
            places.append((index + 1, _ZWSP))
        elif this.isascii() and this.isalnum() and after in "—–":
            places.append((index + 1, _JOINER))
    if not places:
        return
    body = paragraph.getText()
    cursor = body.createTextCursorByRange(paragraph.getStart())
    for place, mark in reversed(places):
        cursor.gotoRange(paragraph.getStart(), False)
        cursor.goRight(place, False)
        body.insertString(cursor, mark, False)


def _texts(document: Any) -> Any:
    """The body text, then the header and footer texts of every page style."""
    yield document.getText()
    styles = document.getStyleFamilies().getByName("PageStyles")
    for index in range(styles.getCount()):
        style = styles.getByIndex(index)
        for switch, names in (
            ("HeaderIsOn", ("HeaderText", "HeaderTextLeft", "HeaderTextFirst")),
            ("FooterIsOn", ("FooterText", "FooterTextLeft", "FooterTextFirst")),
        ):
            if not style.getPropertyValue(switch):
                continue
            for name in names:
                if style.getPropertySetInfo().hasPropertyByName(name):
                    text = style.getPropertyValue(name)
                    if text is not None:
                        yield text


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def kinsoku(docx: str) -> dict[str, tuple[str, str]]:
    """The DOCX's own kinsoku lists (``w:noLineBreaksBefore``/``After`` of settings.xml) by
    language: the characters no line starts with, and those no line ends with. LibreOffice
    7.4's import ignores them."""
    with zipfile.ZipFile(docx) as archive:
        try:
            root = ElementTree.fromstring(archive.read("word/settings.xml"))
        except KeyError:
            return {}
    lists: dict[str, tuple[str, str]] = {}
    for tag, position in (("noLineBreaksBefore", 0), ("noLineBreaksAfter", 1)):
        for element in root.iter(_W + tag):
            language = element.get(_W + "lang") or ""
            pair = list(lists.get(language, ("", "")))
            pair[position] = element.get(_W + "val") or ""
            lists[language] = (pair[0], pair[1])
    return lists


def _set_kinsoku(document: Any, lists: dict[str, tuple[str, str]]) -> None:
    from com.sun.star.i18n import ForbiddenCharacters  # type: ignore[import-not-found]
    from com.sun.star.lang import Locale  # type: ignore[import-not-found]

    table = document.createInstance("com.sun.star.text.DocumentSettings").ForbiddenCharacters
    for language, (begin, end) in lists.items():
        # LibreOffice looks the list up by the language of the text at the break: the Latin
        # text (digits, quotes after them) is en-US and follows the Chinese list too, as in
        # Word (a quotation mark after digits does not start a line either)
        for name in (language, "en-US"):
            parts = name.split("-")
            locale = Locale(parts[0], parts[1] if len(parts) > 1 else "", "")
            table.setForbiddenCharacters(locale, ForbiddenCharacters(begin, end))


# LibreOffice spaces the last character of a line as the last of a portion (not at all), so
# its line is that much wider than Word's: the text may run this much (1/100 mm, 0.25 pt, one
# character's condensing) further right. Measured on the briefs issue: lines starting alike
# 97.0 % without, 100 % with.
LINE_END_ALLOWANCE = 9


def prepare(document: Any, breaks: Any, lists: dict[str, tuple[str, str]]) -> None:
    """Set the kinsoku and the punctuation settings on every paragraph, widen the bordered
    paragraphs, mend the line breaks and give every portion Word's letter spacing."""
    _set_kinsoku(document, lists)
    with contextlib.suppress(Exception):
        document.getUndoManager().lock()  # nothing of this is to be undone
    names = tuple(name for name, _ in SETTINGS)
    values = tuple(value for _, value in SETTINGS)
    for text in _texts(document):
        for paragraph in _paragraphs(text):
            paragraph.setPropertyValues(names, values)
            _widen_bordered(paragraph)
            mend_breaks(paragraph)
            compensate_spacing(paragraph, breaks)
            if paragraph.CharKerning:
                paragraph.ParaRightMargin = paragraph.ParaRightMargin - LINE_END_ALLOWANCE


def convert(desktop: Any, breaks: Any, docx: str, pdf: str) -> dict[str, float]:
    """Load ``docx``, prepare it, export ``pdf``, close it; returns the seconds of each step."""
    started = time.perf_counter()
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(docx),
        "_blank",
        0,
        (_property("Hidden", True), _property("ReadOnly", True)),
    )
    if document is None:
        raise RuntimeError("LibreOffice could not open the document")
    seconds = {"load": time.perf_counter() - started}
    try:
        document.lockControllers()
        prepare(document, breaks, kinsoku(docx))
        document.unlockControllers()
        seconds["prepare"] = time.perf_counter() - started - sum(seconds.values())
        document.storeToURL(
            uno.systemPathToFileUrl(pdf), (_property("FilterName", "writer_pdf_Export"),)
        )
        seconds["export"] = time.perf_counter() - started - sum(seconds.values())
    finally:
        document.close(True)
    return seconds


# -- run inside LibreOffice as a macro of its Python script provider --------------------------
# Each UNO call over the bridge from another process costs about a millisecond; inside
# LibreOffice's own process a few microseconds. bulletin copies this file into the user
# profile's Scripts/python folder, and the client below calls convert_document there; where
# the script provider is missing (Debian's libreoffice-script-provider-python), it does the
# same work over the bridge, slower.
MACRO = "vnd.sun.star.script:bulletin_office.py$convert_document?language=Python&location=user"


def convert_document(docx: str, pdf: str) -> str:
    """The macro: ``convert`` in LibreOffice's own process; returns its answer as JSON."""
    context = uno.getComponentContext()
    manager = context.ServiceManager
    desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    breaks = manager.createInstanceWithContext("com.sun.star.i18n.BreakIterator", context)
    try:
        seconds = convert(desktop, breaks, docx, pdf)
    except Exception as err:
        return json.dumps({"error": f"{type(err).__name__}: {err}"})
    return json.dumps({"ok": True, "seconds": seconds})


g_exportedScripts = (convert_document,)


# -- the client: run by LibreOffice's Python, talking to bulletin through its pipes -----------
def _macro(context: Any) -> Any:
    """The in-process ``convert_document``, or None without the Python script provider."""
    try:
        factory = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.script.provider.MasterScriptProviderFactory", context
        )
        return factory.createScriptProvider("").getScript(MACRO)
    except Exception:
        return None


def main() -> int:
    pipe = sys.argv[1]
    if uno is None:
        _say({"error": "no-uno"})
        return 1
    try:
        context = connect(pipe)
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        breaks = manager.createInstanceWithContext("com.sun.star.i18n.BreakIterator", context)
        macro = _macro(context)
    except Exception as err:
        _say({"error": f"connect: {type(err).__name__}: {err}"})
        return 1
    _say({"ready": True, "in_process": macro is not None})
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            job = json.loads(line)
            if macro is not None:
                answer = json.loads(macro.invoke((job["docx"], job["pdf"]), (), ())[0])
            else:
                answer = {"ok": True, "seconds": convert(desktop, breaks, job["docx"], job["pdf"])}
        except Exception as err:  # reported to bulletin, which says it in Chinese
            answer = {"error": f"{type(err).__name__}: {err}"}
        _say(answer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
