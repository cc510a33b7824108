"""What LibreOffice reports (English, from UNO) reaches the clerk in Chinese."""

from __future__ import annotations

import re
import tempfile

import pytest

from bulletin_cli.export.office import Office, OfficeFailed, office_reason

_ENGLISH = re.compile(r"[A-Za-z]{3,}")


def _chinese(text: str) -> bool:
    return not _ENGLISH.search(
        text.replace("LibreOffice", "").replace("PDF", "").replace("Word", "")
    )


@pytest.mark.parametrize(
    "report",
    [
        "connect: NoConnectException: Connector : couldn't connect to pipe bulletin-1",
        "RuntimeError: LibreOffice could not open the document",
        "IOException: SfxBaseModel::impl_store <file:///x.pdf> failed: 0xc10",
        "DisposedException: Binary URP bridge disposed during call",
        "RuntimeException: something else",
        "ValueError: anything new",
    ],
)
def test_an_office_report_is_said_in_chinese(report: str) -> None:
    assert _chinese(office_reason(report)), office_reason(report)


def test_a_failed_start_says_why_in_chinese() -> None:
    office = object.__new__(Office)
    office._office = None
    office._script = None
    office._temp = tempfile.TemporaryDirectory()
    office.python = "python3"
    with pytest.raises(OfficeFailed) as caught:
        office._refuse("connect: NoConnectException: Connector : couldn't connect to pipe")
    assert str(caught.value).startswith("LibreOffice 没有启动：连接不上 LibreOffice")
    assert _chinese(str(caught.value)), str(caught.value)
