"""The catalog: complete in bo, zh_CN and en, nothing unused, Tibetan marked for review."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kiosk.config_file import EDITABLE
from kiosk.domain.agreement import AMENDABLE, EMPLOYER_KINDS, ROLES, SIGN_METHODS, Provider
from kiosk.domain.agreement import PROBLEMS as AGREEMENT_PROBLEMS
from kiosk.domain.clips import REASONS
from kiosk.domain.complaint import OUTCOMES as COMPLAINT_OUTCOMES
from kiosk.domain.dashboard import MEASURES
from kiosk.domain.entities import PayTerms
from kiosk.domain.errors import AuthErrorKind, CardErrorKind, SigningErrorKind, StoreErrorKind
from kiosk.domain.pay import PayAnswer
from kiosk.domain.profile import AVAILABILITY
from kiosk.domain.registry import MUTATIONS
from kiosk.domain.registry.trust import FACES as RATING_FACES
from kiosk.domain.registry.trust import TAGS as RATING_TAGS
from kiosk.domain.signature import REASONS as SIGNATURE_REASONS
from kiosk.domain.training import BRING, WHO, BookingStatus
from kiosk.domain.training import LANGUAGES as TRAINING_LANGUAGES
from kiosk.i18n import Catalog, Lang, Mode
from kiosk.idcard.demo import ORDER as DEMO_ORDER
from kiosk.printing.cups import REASONS as PRINT_REASONS
from kiosk.services.training import BookResult
from kiosk.ui.admin.followup import CASE_STATES
from kiosk.ui.admin.settings import BACKENDS as SETTINGS_BACKENDS
from kiosk.ui.agreement.pages import AMENDMENTS as SIGNING_AMENDMENTS
from kiosk.ui.agreement.sections import PROVIDED
from kiosk.ui.agreement.sections import SECTIONS as AGREEMENT_SECTIONS
from kiosk.ui.agreement.signing import ROLES as SIGNING_ROLES
from kiosk.ui.agreement.signing import STEPS as SIGNING_STEPS
from kiosk.ui.calls.panel import SCREENS as CALL_SCREENS
from kiosk.ui.filing.confirm import FIELDS as CONFIRM_FIELDS
from kiosk.ui.filing.screen import NO_HINT, YEAR_CHOICES
from kiosk.ui.filing.screen import STEPS as FILING_STEPS

ROOT = Path(__file__).resolve().parents[3]
LANGS = ("bo", "zh_CN", "en")
ID_LITERAL = re.compile(r"""["']((?:[a-z_]+)(?:\.[a-z_0-9]+)+)["']""")


def load(lang: str):  # type: ignore[no-untyped-def]
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "kiosk.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def catalog_ids(lang: str) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in load(lang) if m.id}


def used_ids() -> set[str]:
    """Ids named in the code, plus the families the code builds from data."""
    ids: set[str] = set()
    for path in (ROOT / "kiosk").rglob("*.py"):
        if "store" in path.relative_to(ROOT / "kiosk").parts:
            continue  # SQL names ("jobs.id"), never shown to people
        ids |= set(ID_LITERAL.findall(path.read_text(encoding="utf-8")))
    for path in (ROOT / "market" / "web").glob("*.py"):  # the worker's pages read it too
        ids |= set(ID_LITERAL.findall(path.read_text(encoding="utf-8")))
    for path in (ROOT / "market" / "templates" / "worker").glob("*.html"):
        ids |= set(ID_LITERAL.findall(path.read_text(encoding="utf-8")))
    job_types = json.loads((ROOT / "assets/data/job_types.json").read_text(encoding="utf-8"))
    places = json.loads((ROOT / "assets/data/places.json").read_text(encoding="utf-8"))
    ids |= {f"jobtype.{j['code']}" for j in job_types["job_types"]}
    ids |= {f"place.{p['code']}" for p in places["places"]}
    ids |= {f"error.auth.{k.value}" for k in AuthErrorKind}
    ids |= {f"error.store.{k.value}" for k in StoreErrorKind}
    ids |= {f"error.card.{k.value}" for k in CardErrorKind}
    ids |= {f"demo.card.{key}" for key in DEMO_ORDER}
    ids |= {f"pay.{terms.value}" for terms in PayTerms}
    ids |= {f"clip.reason.{reason}" for reason in REASONS}
    ids |= {f"agreement.section.{name}" for name in (*AGREEMENT_SECTIONS, "changes")}
    ids |= {f"agreement.term.{name}" for name in AMENDABLE}
    ids |= {f"agreement.provider.{p.value}" for p in Provider}
    ids |= {f"agreement.{what}" for what in PROVIDED}
    ids |= {f"agreement.employer_{kind}" for kind in EMPLOYER_KINDS}
    ids |= {f"agreement.how.{method}" for method in SIGN_METHODS}
    ids |= {f"agreement.signed_{role}" for role in ROLES}
    ids |= {f"print.problem.{reason}" for reason in PRINT_REASONS}
    ids |= {f"agreement.problem.{code}" for code in AGREEMENT_PROBLEMS}
    ids |= {f"signature.problem.{reason}" for reason in SIGNATURE_REASONS}
    ids |= {f"signing.{k.value}" for k in SigningErrorKind}
    ids |= {f"signing.{step}_title" for step in SIGNING_STEPS}
    ids |= {f"signing.amend.{term}" for term, _step, _where in SIGNING_AMENDMENTS}
    ids |= {f"signing.tap_{role}" for role in SIGNING_ROLES}
    ids |= {f"signing.confirmed_{method}" for method in SIGN_METHODS}
    ids |= {f"signing.print_{state}" for state in ("printing", "printed", "failed")}
    ids |= {f"pay.{answer.value}" for answer in PayAnswer}
    ids |= {f"rate.{name}" for name in (*RATING_FACES, *RATING_TAGS)}
    ids |= {f"complaint.outcome.{o}" for o in COMPLAINT_OUTCOMES}
    ids |= {f"staff.case_{state}" for state in CASE_STATES}
    ids |= {f"complaint.{step}_title" for step in ("pick", "amount", "confirm")}
    ids |= {f"complaint.print_{state}" for state in ("printing", "printed", "failed")}
    ids |= {f"weekday.{day}" for day in range(7)}  # date.weekday() in kiosk.ui.jobs.facts
    ids |= {f"screen.{name}" for name in (*CALL_SCREENS, "other")}
    ids |= {f"filing.label_{name}" for name in CONFIRM_FIELDS}
    ids |= {f"filing.{step}_title" for step in FILING_STEPS}
    ids |= {f"filing.{step}_hint" for step in FILING_STEPS if step not in NO_HINT}
    ids |= {f"filing.when_{when}" for when in AVAILABILITY}
    ids |= {f"filing.years_{years}" for years in YEAR_CHOICES}
    ids |= {f"training.lang.{lang}" for lang in TRAINING_LANGUAGES}
    ids |= {f"training.who.{c}" for c in (*WHO, "list1", "list2", "list3")}
    ids |= {f"training.bring.{c}" for c in (*BRING, "list1", "list2", "list3")}
    ids |= {f"training.state.{s.value}" for s in BookingStatus}
    ids |= {f"training.result.{r.value}" for r in BookResult}
    ids |= {f"settings.reader.{backend}" for backend in SETTINGS_BACKENDS}
    ids |= {f"dash.{measure}" for measure in MEASURES}
    ids -= set(EDITABLE)  # config keys ("voice.volume") of the settings screen
    return ids - set(MUTATIONS)  # mutation type names ("agreement.sign") are not messages


def test_every_language_has_the_same_messages_all_translated() -> None:
    reference = catalog_ids("zh_CN")
    for lang in LANGS:
        assert catalog_ids(lang) == reference, lang
        for message in load(lang):
            if message.id:
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                assert all(strings), f"{lang}: {message.id} untranslated"


def test_every_message_is_used_and_every_used_message_exists() -> None:
    defined = catalog_ids("zh_CN")
    prefixes = {d.split(".")[0] for d in defined}  # other dotted literals are module names
    used = {i for i in used_ids() if i.split(".")[0] in prefixes}
    assert used - defined == set(), "used in code but missing from the catalog"
    assert defined - used == set(), "in the catalog but used nowhere"


def test_placeholders_agree_across_languages() -> None:
    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    zh = {m.id: m.string for m in load("zh_CN") if m.id}
    for lang in ("bo", "en"):
        for message in load(lang):
            if not message.id:
                continue
            ours = message.string if isinstance(message.string, tuple) else (message.string,)
            theirs = zh[message.id] if isinstance(zh[message.id], tuple) else (zh[message.id],)
            for text in ours:
                assert fields(text) == fields(theirs[0]), f"{lang}: {message.id}"


def test_every_tibetan_string_says_whether_it_is_attested_or_needs_review() -> None:
    for message in load("bo"):
        if message.id:
            notes = " ".join(message.auto_comments)
            assert re.search(r"TRANSLATORS: (attested|review):", notes), message.id


def test_attested_tibetan_strings_come_from_the_glossary() -> None:
    glossary = (
        json.loads((ROOT.parent / "shared/design/glossary.json").read_text(encoding="utf-8"))
        if (ROOT.parent / "shared/design/glossary.json").exists()
        else None
    )
    if glossary is None:
        pytest.skip("shared/design/glossary.json is not beside this checkout")
    attested = {e["bo"].rstrip("།") for e in glossary if e["verified"]}
    for message in load("bo"):
        notes = " ".join(message.auto_comments)
        if message.id and "attested: glossary" in notes:
            assert message.string.rstrip("།") in attested, message.id


def test_lines_put_tibetan_above_chinese_and_follow_the_mode() -> None:
    catalog = Catalog(ROOT / "translations")
    both = catalog.lines("attract.tap_card", Mode.BOTH)
    assert [lang for lang, _ in both] == [Lang.BO, Lang.ZH]
    assert both[1][1] == "请刷身份证"
    assert catalog.lines("attract.tap_card", Mode.EN) == [
        (Lang.EN, "Tap your ID card on the reader")
    ]


def test_plural_forms_in_english_and_numbers_in_arabic_digits() -> None:
    catalog = Catalog(ROOT / "translations")
    one = catalog.plural("idle.countdown", "idle.countdown.plural", 1, Lang.EN)
    many = catalog.plural("idle.countdown", "idle.countdown.plural", 25, Lang.EN)
    assert one.endswith("1 second")
    assert many.endswith("25 seconds")
    assert "25" in catalog.plural("idle.countdown", "idle.countdown.plural", 25, Lang.BO)


def test_a_missing_translation_falls_back_to_chinese_and_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for lang in LANGS:
        target = tmp_path / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        text = (ROOT / "translations" / lang / "LC_MESSAGES" / "kiosk.po").read_text(
            encoding="utf-8"
        )
        if lang == "bo":
            text = text.replace('msgstr "འདོར་བ"', 'msgstr ""')
        (target / "kiosk.po").write_text(text, encoding="utf-8")
    catalog = Catalog(tmp_path)
    assert catalog.text("common.cancel", Lang.BO) == "取消"
    assert "common.cancel" in caplog.text
    assert catalog.missing(Lang.BO) == ["common.cancel"]


def test_no_two_trades_read_the_same_in_any_language() -> None:
    """Home shows a worker's skills by name: two trades with one name look like one."""
    catalog = Catalog(ROOT / "translations")
    trades = sorted(m for m in catalog.ids(Lang.ZH) if m.startswith("jobtype."))
    for lang in Lang:
        names = [catalog.text(m, lang) for m in trades]
        same = {n for n in names if names.count(n) > 1}
        assert not same, (lang, same)


def test_every_reason_a_clip_is_refused_is_said_in_every_language() -> None:
    catalog = Catalog(ROOT / "translations")
    for lang in Lang:
        ids = set(catalog.ids(lang))
        assert {f"clip.reason.{r}" for r in REASONS} <= ids, lang
