"""A signed agreement reaches the market exactly once, on SQLite and PostgreSQL: the kiosk
keeps it and its outbox row together, the market keeps the document as signed and marks
the worker hired, and the address in the printed QR code answers "valid" once synced
("unknown" before; "mismatch" for a printout whose fingerprint differs); a correction
supersedes the agreement it names."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from kiosk.domain.agreement import (
    amend,
)
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.i18n import Catalog
from kiosk.store import models as m
from kiosk.store.agreements import AgreementRepository
from kiosk.ui.agreement.pdf import write_pdf
from market.models import Agreement, Application, MutationLog
from tests.e2e.test_commands import run
from tests.helpers.agreements import signed_and_synced, signed_for
from tests.helpers.market import MarketServer, market_admin, server_rows
from tests.helpers.qr import qr_codes
from tests.helpers.syncrig import Station

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def check(market: MarketServer, code: str, fp: str = "", **headers: str) -> requests.Response:
    return requests.get(
        f"{market.url}/v1/agreements/{code}", params={"fp": fp}, headers=headers, timeout=10
    )


def test_a_signed_agreement_verifies_once_synced_and_a_correction_supersedes_it(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "50", "--today", today.isoformat())
    station.worker.run_once()
    agreement, worker_id, employer_id = signed_for(station, today)
    repo = AgreementRepository(station.backend.engine)
    now = dt.datetime.now(LHASA_TZ)
    repo.save(agreement, worker_id=worker_id, employer_id=employer_id, now=now)
    code, fp = agreement.terms.code, agreement.fingerprint
    assert repo.status(code) == "pending"
    assert repo.document(code) == agreement.document()
    assert check(market, code, fp).json()["status"] == "unknown"  # signed offline

    report = station.worker.run_once()
    assert report is not None
    assert report.rejected == 0
    assert repo.status(code) == "sent"
    assert server_rows(market.database, Agreement) == 1
    answer = check(market, code, fp).json()
    assert answer["status"] == "valid"
    assert answer["fingerprint"] == fp
    assert answer["worker"] == agreement.terms.worker.name[:1] + "*" * (
        len(agreement.terms.worker.name) - 1
    )
    assert answer["wage"] == agreement.terms.wage
    assert check(market, code, "0" * 64).json()["status"] == "mismatch"
    page = check(market, code, fp, Accept="text/html")
    assert page.headers["content-type"].startswith("text/html")
    assert "本协议有效" in page.text
    assert "ནུས་ཡོད" in page.text
    hired = server_rows(
        market.database,
        Application,
        Application.id == agreement.terms.application_id,
        Application.hired_at.is_not(None),
    )
    assert hired == 1  # the agreement marks the worker hired: one place fewer

    # Sent again (a lost reply): nothing doubles.
    with station.backend.engine.begin() as conn:
        conn.execute(text("UPDATE outbox SET state='pending', batch_uuid=NULL"))
    station.worker.run_once()
    assert server_rows(market.database, Agreement) == 1
    assert server_rows(market.database, MutationLog, MutationLog.type == "agreement.sign") == 1

    # A correction: a new agreement naming the old one.
    corrected = dataclasses.replace(
        agreement,
        terms=dataclasses.replace(
            amend(agreement.terms, wage=agreement.terms.wage + 10),
            code="M3RT-8WXH",
            supersedes=code,
        ),
    )
    repo.save(corrected, worker_id=worker_id, employer_id=employer_id, now=now)
    station.worker.run_once()
    old = check(market, code, fp).json()
    assert (old["status"], old["superseded_by"]) == ("superseded", "M3RT-8WXH")
    assert check(market, "M3RT-8WXH", corrected.fingerprint).json()["status"] == "valid"
    assert check(market, "ZZZZ-ZZZZ").json()["status"] == "unknown"
    assert station.count(m.AgreementRow, m.AgreementRow.status == "sent") == 2


def test_the_printed_qr_code_opens_the_market_s_answer(
    market: MarketServer, station: Station, today: dt.date, tmp_path: Path, qtbot: QtBot
) -> None:
    agreement = signed_and_synced(station, market.database, today)
    pdf = write_pdf(
        tmp_path / "a.pdf",
        agreement,
        Catalog(ROOT / "translations"),
        paper="a4",
        verify_base=market.url,
        synced=True,
    )
    (address,) = qr_codes(pdf)
    assert requests.get(address, timeout=10).json()["status"] == "valid"


def test_staff_reprint_an_agreement_exactly_as_signed(
    market: MarketServer, station: Station, today: dt.date, tmp_path: Path
) -> None:
    agreement = signed_and_synced(station, market.database, today)
    code = agreement.terms.code
    out = tmp_path / "again.pdf"
    data = station.paths.data_dir
    result = run(data, "kiosk-admin", "reprint", code.lower(), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:] == [code, agreement.fingerprint]
    attached = tmp_path / "attached"
    attached.mkdir()
    subprocess.run(
        ["pdfdetach", "-saveall", "-o", str(attached), str(out)], check=True, capture_output=True
    )
    assert (attached / "signed-agreement.json").read_bytes() == agreement.document()
    (address,) = qr_codes(out)
    assert address.startswith(market.url)  # the market this kiosk is enrolled with
    assert requests.get(address, timeout=10).json()["status"] == "valid"

    missing = run(data, "kiosk-admin", "reprint", "ZZZZ-ZZZZ", "--out", str(out))
    assert missing.returncode == 1
    assert "no agreement ZZZZ-ZZZZ" in missing.stderr
    no_printer = run(data, "kiosk-admin", "reprint", code)
    assert no_printer.returncode == 2
    assert "no printer" in no_printer.stderr
