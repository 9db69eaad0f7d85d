"""The printed agreement as anyone can check it: ``kiosk-admin --demo agreement-pdf`` writes
a signed sample; its Chinese is read back from the page, its Tibetan and Chinese from the
text it carries, its fingerprint is the SHA-256 of the signed document inside it, and the
QR code on the page decodes to the verification address with the code and fingerprint.
Real tools: poppler's pdftotext, pdfdetach and pdftoppm, and zbarimg."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from kiosk.i18n import Catalog, Lang
from tests.e2e.test_commands import run
from tests.helpers.qr import qr_codes

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("pdftotext", "pdfdetach", "pdftoppm", "zbarimg", "pdfinfo")
pytestmark = pytest.mark.skipif(
    any(shutil.which(t) is None for t in TOOLS), reason="make test-services installs them"
)


def tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(ROOT / "translations")


@pytest.mark.parametrize(("paper", "width_pt"), [("a4", 595), ("receipt80", 227)])
def test_the_sample_agreement_reads_back_and_its_qr_code_verifies(
    tmp_path: Path, catalog: Catalog, paper: str, width_pt: int
) -> None:
    pdf = tmp_path / "agreement.pdf"
    result = run(tmp_path, "kiosk-admin", "--demo", "agreement-pdf", str(pdf), "--paper", paper)
    assert result.returncode == 0, result.stderr
    _path, code, fp = result.stdout.split()
    size = next(line for line in tool("pdfinfo", str(pdf)).splitlines() if "Page size" in line)
    assert round(float(size.split()[2])) == width_pt, size

    # The page's own text layer: Chinese (NFKC: the CJK font maps some glyphs to radicals).
    page = unicodedata.normalize("NFKC", tool("pdftotext", str(pdf), "-"))
    for words in (
        "简易用工协议",
        f"协议编号 {code}",
        "扎西次仁",
        "每天 220 元",
        "当天付清",
        "招聘信息为 200，约定为 220",
        "12333",
        fp,
    ):
        assert unicodedata.normalize("NFKC", words) in page.replace("\n", ""), words
    assert sum(1 for ch in page if 0x0F00 <= ord(ch) <= 0x0FFF) > 200  # Tibetan is drawn

    # What it carries: every printed line, Tibetan included, and the signed document.
    out = tmp_path / "attached"
    out.mkdir()
    tool("pdfdetach", "-saveall", "-o", str(out), str(pdf))
    text = (out / "printed-agreement.txt").read_text(encoding="utf-8")
    for msgid in ("agreement.title", "agreement.ending", "agreement.safety"):
        assert catalog.text(msgid, Lang.BO) in text, msgid
        assert catalog.text(msgid, Lang.ZH) in text, msgid
    assert catalog.text("agreement.code", Lang.BO, code=code) in text
    document = (out / "signed-agreement.json").read_bytes()
    assert hashlib.sha256(document).hexdigest() == fp
    signed = json.loads(document)
    assert signed["agreement"]["code"] == code
    assert signed["agreement"]["wage"] == 220
    assert [s["role"] for s in signed["signatures"]] == ["worker", "employer"]
    assert all(len(s["signature"]["strokes"]) == 3 for s in signed["signatures"])

    # The QR code, as a phone's camera would see the printed page.
    assert qr_codes(pdf, dpi=200) == {f"https://market.example.cn/v1/agreements/{code}?fp={fp}"}
