"""A worker's visit: tap, see yourself, switch language, call staff, finish or walk away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.i18n import Mode
from kiosk.idcard.demo import SAMPLES
from kiosk.idcard.events import CardPresented
from tests.helpers.kiosk import Rig, tap
from tests.helpers.screens import shows, visible_texts


def tap_first_demo_card(rig: Rig, qtbot: QtBot) -> None:
    with qtbot.waitSignal(rig.kiosk.controller.session_started):
        tap(rig, qtbot, "resident_tibetan")


def test_attract_screen_invites_a_tap_in_tibetan_above_chinese(demo_rig: Rig) -> None:
    attract = demo_rig.kiosk.controller.screens["attract"]
    assert demo_rig.kiosk.window.navigator.current is attract
    texts = attract.title.texts()
    assert texts[0].startswith("ཐོབ་ཐང་")
    assert texts[1] == "请刷身份证"
    assert shows(attract, "功德林街道零工驿站")


def test_language_buttons_switch_every_text_at_once(demo_rig: Rig, qtbot: QtBot) -> None:
    attract = demo_rig.kiosk.controller.screens["attract"]
    qtbot.mouseClick(attract.language_buttons[Mode.ZH], Qt.MouseButton.LeftButton)
    assert attract.title.texts() == ["请刷身份证"]
    assert attract.language_buttons[Mode.ZH].selected
    qtbot.mouseClick(attract.language_buttons[Mode.EN], Qt.MouseButton.LeftButton)
    assert attract.title.texts() == ["Tap your ID card on the reader"]
    assert attract.subtitle.texts() == ["or scan your QR code"]
    qtbot.mouseClick(attract.language_buttons[Mode.BO], Qt.MouseButton.LeftButton)
    assert len(attract.title.texts()) == 1
    assert attract.title.texts()[0].startswith("ཐོབ་ཐང་")


def test_a_tap_shows_the_worker_masked_with_skills(demo_rig: Rig, qtbot: QtBot) -> None:
    tap_first_demo_card(demo_rig, qtbot)
    home = demo_rig.kiosk.controller.screens["home"]
    assert demo_rig.kiosk.window.navigator.current is home
    card = SAMPLES["resident_tibetan"]
    assert shows(home, card.name)
    assert shows(home, card.masked_number)
    shown = visible_texts(demo_rig.kiosk.window)
    assert not any(card.number in t for t in shown), "the full ID number is never shown"
    visible_tiles = [t for t in home.tiles if t.isVisibleTo(home)]
    assert len(visible_tiles) == 3
    assert shows(home.bar, "呼叫工作人员")


@pytest.mark.parametrize(
    ("card", "message_id", "chinese"),
    [
        ("expired", "error.card.expired", "此身份证已过期,请呼叫工作人员帮助。"),
        ("bad_number", "error.card.invalid_number", "此卡的身份证号码无效,请呼叫工作人员。"),
        ("unknown_type", "error.card.unsupported_type", "本机不能使用此类证件,请呼叫工作人员。"),
    ],
)
def test_a_card_that_cannot_log_in_gets_a_clear_message(
    demo_rig: Rig, qtbot: QtBot, card: str, message_id: str, chinese: str
) -> None:
    controller = demo_rig.kiosk.controller
    tap(demo_rig, qtbot, card)
    banner = demo_rig.kiosk.window.banner
    qtbot.waitUntil(banner.isVisible)
    assert banner.message_id == message_id
    assert chinese in banner.text.texts()
    assert len(banner.text.texts()) == 2  # Tibetan above Chinese
    assert demo_rig.kiosk.window.navigator.current is controller.screens["attract"]


def test_a_card_giving_only_its_chip_serial_is_sent_to_staff(demo_rig: Rig, qtbot: QtBot) -> None:
    demo_rig.kiosk.controller.reader_event(CardPresented("00112233AABBCCDD", None))
    banner = demo_rig.kiosk.window.banner
    qtbot.waitUntil(banner.isVisible)
    assert banner.message_id == "error.card.not_registered"
    assert demo_rig.kiosk.window.navigator.current is demo_rig.kiosk.controller.screens["attract"]


def test_the_long_term_card_logs_in(demo_rig: Rig, qtbot: QtBot) -> None:
    with qtbot.waitSignal(demo_rig.kiosk.controller.session_started) as started:
        tap(demo_rig, qtbot, "long_term")
    assert started.args[0].name == SAMPLES["long_term"].name


def test_a_new_card_during_a_visit_starts_the_new_workers_visit(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    tap_first_demo_card(demo_rig, qtbot)
    with qtbot.waitSignal(demo_rig.kiosk.controller.session_started) as started:
        tap(demo_rig, qtbot, "resident_chinese")
    assert started.args[0].name == "王建国"
    assert demo_rig.kiosk.controller.screens["home"].view is not None
    assert demo_rig.kiosk.controller.screens["home"].view.name == "王建国"


def test_call_staff_confirms_on_screen_and_is_audited(demo_rig: Rig, qtbot: QtBot) -> None:
    tap_first_demo_card(demo_rig, qtbot)
    bar = demo_rig.kiosk.controller.screens["home"].bar
    qtbot.mouseClick(bar.call_staff, Qt.MouseButton.LeftButton)
    banner = demo_rig.kiosk.window.banner
    qtbot.waitUntil(lambda: banner.message_id == "common.staff_called")
    assert banner.isVisible()
    demo_rig.kiosk.db.wait()
    actions = [a for _, _, a, _ in demo_rig.backend.audit.recent()]
    assert "staff_called" in actions


def test_finish_wipes_the_session_and_returns_to_the_start(demo_rig: Rig, qtbot: QtBot) -> None:
    tap_first_demo_card(demo_rig, qtbot)
    card = SAMPLES["resident_tibetan"]
    controller = demo_rig.kiosk.controller
    with qtbot.waitSignal(controller.session_ended) as ended:
        qtbot.mouseClick(controller.screens["home"].bar.finish, Qt.MouseButton.LeftButton)
    assert ended.args == ["finished"]
    assert demo_rig.kiosk.window.navigator.current is controller.screens["attract"]
    assert controller.screens["home"].view is None
    shown = visible_texts(demo_rig.kiosk.window.stack) + demo_rig.kiosk.window.banner.text.texts()
    assert not any(card.name in t or card.masked_number in t for t in shown)
    demo_rig.kiosk.db.wait()
    assert controller.services is not None
    assert controller.services.session.current is None


def test_idle_warns_with_a_countdown_and_continue_keeps_the_session(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    tap_first_demo_card(demo_rig, qtbot)
    overlay = demo_rig.kiosk.window.overlay
    idle_s = demo_rig.config.session.idle_seconds
    demo_rig.advance(idle_s - 1)
    assert not overlay.isVisible()
    demo_rig.advance(1)
    assert overlay.isVisible()
    assert overlay.seconds == demo_rig.config.session.warning_seconds >= 20
    assert overlay.number.text() == "30"
    demo_rig.advance(10)
    assert overlay.number.text() == "20"
    qtbot.mouseClick(overlay.button, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()
    assert demo_rig.kiosk.window.navigator.current is demo_rig.kiosk.controller.screens["home"]
    demo_rig.advance(idle_s - 1)
    assert not overlay.isVisible()


def test_walking_away_ends_the_session_and_resets_the_language(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    qtbot.mouseClick(
        controller.screens["attract"].language_buttons[Mode.EN], Qt.MouseButton.LeftButton
    )
    tap_first_demo_card(demo_rig, qtbot)
    demo_rig.advance(demo_rig.config.session.idle_seconds)
    with qtbot.waitSignal(controller.session_ended) as ended:
        demo_rig.advance(demo_rig.config.session.warning_seconds)
    assert ended.args == ["timeout"]
    assert demo_rig.kiosk.window.navigator.current is controller.screens["attract"]
    assert not demo_rig.kiosk.window.overlay.isVisible()
    assert demo_rig.kiosk.texts.mode is Mode.BOTH
    assert controller.screens["home"].view is None


def test_touches_keep_a_session_alive(demo_rig: Rig, qtbot: QtBot) -> None:
    tap_first_demo_card(demo_rig, qtbot)
    home = demo_rig.kiosk.controller.screens["home"]
    for _ in range(5):
        demo_rig.advance(demo_rig.config.session.idle_seconds - 10)
        qtbot.mouseClick(home, Qt.MouseButton.LeftButton)
    assert not demo_rig.kiosk.window.overlay.isVisible()
    assert demo_rig.kiosk.window.navigator.current is home


def test_english_mode_leaves_no_tibetan_or_chinese_on_any_screen(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    """Technicians read English; a line left over from the bilingual mode would overlap it."""
    controller = demo_rig.kiosk.controller
    window = demo_rig.kiosk.window
    tap_first_demo_card(demo_rig, qtbot)
    view = controller.screens["home"].view
    assert view is not None
    for name in ("home", "pin", "staff", "technician", "attract"):
        window.navigator.go(name)
    demo_rig.kiosk.texts.set_mode(Mode.EN)
    for name in ("attract", "home", "pin", "staff", "technician"):
        screen = window.navigator.go(name)
        if name == "attract":
            texts = [
                controller.screens["attract"].title,
                controller.screens["attract"].subtitle,
                controller.screens["attract"].station,
            ]
            shown = [t for bt in texts for t in bt.texts()]
        else:
            shown = visible_texts(screen)
        shown = [t.replace(view.name, "") for t in shown]  # the name is the card's, any script
        offending = [
            t
            for t in shown
            if any("\u0f00" <= c <= "\u0fff" or "\u4e00" <= c <= "\u9fff" for c in t)
        ]
        assert offending == [], name
