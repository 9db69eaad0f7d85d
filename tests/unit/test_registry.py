"""The registry of mutation types and pulled collections: every side knows every entry.

Adding a mutation type without its market handler, its staff line in each language, its
place in the OpenAPI document, its kiosk-side effects or a kiosk caller fails here.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any, get_type_hints

import pytest

from kiosk.domain.registry import (
    COLLECTIONS,
    MUTATIONS,
    AgreementSign,
    ComplaintFile,
    EmployerRegister,
    JobPost,
    KeepServerValues,
    PayConfirm,
    PayloadError,
    RatingGive,
    SetStatus,
    SetVersion,
    WorkerRegister,
    WorkerRekey,
    WorkerUpdate,
)
from kiosk.i18n import Catalog, Lang
from kiosk.store import models as m
from kiosk.sync import wire
from market.handlers import HANDLERS

ROOT = Path(__file__).resolve().parents[2]
SAMPLE: dict[Any, Any] = {str: "x", int: 1, bool: True}


# Fields whose rules go beyond their type (a code's form, a fingerprint that is the
# document's SHA-256): a valid value each.
RULED: dict[type, dict[str, Any]] = {
    AgreementSign: {
        "code": "K7PD-3XQM",
        "document": "{}",
        "fingerprint": hashlib.sha256(b"{}").hexdigest(),
    },
    PayConfirm: {"agreement_code": "K7PD-3XQM", "answer": "unpaid"},
    ComplaintFile: {"case_no": "K7PD-3XQM", "filed_at": "2026-12-02T10:00:00+08:00"},
    RatingGive: {"agreement_code": "K7PD-3XQM", "face": "good"},
    WorkerRekey: {"id_hash": "ab" * 32},
    WorkerRegister: {"id_hash": "ab" * 32},
    EmployerRegister: {
        "phone": "13800000000",
        "id_masked": "540102********1234",
        "card_hash": "cd" * 32,
    },
    JobPost: {
        "title_zh": "搬运",
        "day_wage": 200,
        "slots": 2,
        "starts_at": "2026-12-04T08:00:00+08:00",
    },
}


def minimal(cls: type) -> dict[str, Any]:
    """The smallest JSON object a payload class accepts: its required fields, typed."""
    hints = get_type_hints(cls)
    return {
        f.name: SAMPLE.get(hints[f.name], {})
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    } | RULED.get(cls, {})


def test_an_agreement_whose_fingerprint_is_not_its_document_s_is_refused() -> None:
    good = minimal(AgreementSign)
    AgreementSign.from_wire(good)
    for field, bad in (("fingerprint", "0" * 64), ("code", "K7PD3XQM"), ("supersedes", "x")):
        with pytest.raises(PayloadError) as err:
            AgreementSign.from_wire({**good, field: bad})
        assert err.value.reason == f"invalid_payload:{field}"
    with pytest.raises(PayloadError, match="fingerprint"):
        AgreementSign.from_wire({**good, "document": '{"changed": 1}'})


def test_every_registered_type_has_one_market_handler_and_no_handler_is_orphaned() -> None:
    assert set(HANDLERS) == set(MUTATIONS)


@pytest.mark.parametrize("lang", [Lang.BO, Lang.ZH, Lang.EN])
def test_every_type_has_its_staff_line_in_every_language(lang: Lang) -> None:
    catalog = Catalog(ROOT / "translations")
    for kind in MUTATIONS.values():
        assert kind.refusal_message in catalog.ids(lang), f"{kind.name}: no {lang.value} text"
        text = catalog.text(kind.refusal_message, lang, when="11-24 09:30", reason="full")
        assert "11-24 09:30" in text
        assert "full" in text


def test_the_published_document_shows_every_payload_by_its_type() -> None:
    doc = json.loads((ROOT / "market" / "openapi.json").read_text(encoding="utf-8"))
    schemas = doc["components"]["schemas"]
    items = schemas["DocumentedBatch"]["properties"]["mutations"]["items"]
    mapping = items["discriminator"]["mapping"]
    assert set(mapping) == set(MUTATIONS)
    for kind in MUTATIONS.values():
        payload = schemas[kind.payload.__name__]
        assert set(payload["properties"]) == {f.name for f in dataclasses.fields(kind.payload)}


def test_every_effect_names_a_kiosk_table_and_columns_that_exist() -> None:
    tables = m.Base.metadata.tables
    for kind in MUTATIONS.values():
        for effect in (kind.on_applied, kind.on_rejected, kind.on_conflict):
            if effect is None:
                continue
            columns = set(tables[effect.table].columns.keys())
            if isinstance(effect, SetVersion):
                assert "version" in columns, kind.name
            elif isinstance(effect, SetStatus):
                assert "status" in columns, kind.name
            else:
                assert isinstance(effect, KeepServerValues)
                assert set(effect.columns.values()) <= columns, kind.name


def test_every_type_is_queued_somewhere_in_the_kiosk() -> None:
    called: set[str] = set()
    for path in (ROOT / "kiosk").rglob("*.py"):
        if "registry" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                called.add(name)
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                    called.add(func.value.id)
    for kind in MUTATIONS.values():
        assert kind.payload.__name__ in called, f"nothing in kiosk/ builds {kind.name}"


def test_payloads_round_trip_and_name_the_field_that_does_not_fit() -> None:
    for kind in MUTATIONS.values():
        data = minimal(kind.payload)
        made = kind.payload.from_wire({**data, "added_in_a_later_version": 1})
        assert kind.payload.from_wire(made.to_wire()) == made
        assert made.entity_id == data[made.entity_field]
    good = minimal(WorkerRegister)
    for field, bad in (
        ("id_hash", None),
        ("id_hash", "h1"),
        ("birth_year", True),
        ("skills", {"mason": "5"}),
        ("skills", {"mason": -1}),
    ):
        with pytest.raises(PayloadError) as err:
            WorkerRegister.from_wire({**good, field: bad})
        assert err.value.reason == f"invalid_payload:{field}"
    with pytest.raises(PayloadError, match="expected_wage"):
        WorkerUpdate.from_wire({"worker_id": "w", "fields": {"expected_wage": "200"}})
    for bad_hash in ("ab" * 31, "AB" * 32, "zz" * 32):  # a SHA-256 in lower-case hex only
        with pytest.raises(PayloadError, match="id_hash"):
            WorkerRekey.from_wire({"worker_id": "w", "id_hash": bad_hash})


def test_collections_match_the_kiosk_tables_and_come_in_dependency_order() -> None:
    assert tuple(COLLECTIONS) == wire.COLLECTIONS
    seen: set[str] = set()
    tables = m.Base.metadata.tables
    for c in COLLECTIONS.values():
        table = tables[c.table]
        assert [col.name for col in table.primary_key.columns] == [c.key]
        assert set(c.datetimes) <= set(table.columns.keys())
        for ref in c.refs:
            assert ref.collection in seen, f"{c.name} refers to a later {ref.collection}"
            assert ref.column in table.columns
        seen.add(c.name)
