"""Screenshots of the agreement, pay and complaint walks (``kiosk.screenshots``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.i18n import Mode
from kiosk.services.admin_auth import Role

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.idcard.demo import DemoReader


def walk_signing(
    kiosk: Kiosk, reader: DemoReader, mode: Mode, shot: Callable[[str, str], None]
) -> None:
    """Staff open the agreement for the demo worker's application; each signing step."""
    from kiosk.domain.signature import Point  # noqa: PLC0415
    from kiosk.services.agreements import sample_strokes  # noqa: PLC0415

    ctl, name = kiosk.controller, mode.value
    ctl.end_session("screenshots")
    ctl.shell.visit.pin_requested()
    ctl.admin_ui.open_role(Role.STAFF)
    kiosk.texts.set_mode(mode)
    feature = ctl.agreement_ui
    feature.open_pick()
    kiosk.db.wait()
    kiosk.app.processEvents()
    shot("agreement-pick", name)
    items = feature.pick.items or []
    if not items:
        return
    feature.open_application(items[0].application_id)
    kiosk.db.wait()
    kiosk.app.processEvents()
    sign = feature.sign
    shot("agreement-terms", name)
    pay = [s.name for s in sign.sections].index("pay")
    sign.wizard.show_step(0, pay)
    sign.amend("wage", 1)
    shot("agreement-terms-pay", name)

    def signed(role: str, seed: int) -> None:
        pad = sign.parties[role].pad
        sample = sample_strokes(seed, pad.width(), pad.height())
        pad.strokes = [[Point(p.x, p.y, p.t_ms) for p in st] for st in sample.strokes]
        pad.update()

    sign.wizard.show_step(1)
    sign.retranslate()
    reader.present("resident_chinese")  # not the worker: refused, and said so
    kiosk.db.wait()
    kiosk.app.processEvents()
    shot("agreement-worker-refused", name)
    reader.present("resident_tibetan")
    kiosk.db.wait()
    kiosk.app.processEvents()
    signed("worker", 1)
    shot("agreement-worker", name)
    sign.wizard.show_step(2)
    sign.retranslate()
    feature.check_phone()
    kiosk.db.wait()
    kiosk.app.processEvents()
    signed("employer", 2)
    shot("agreement-employer", name)
    # The signed screen as after "sign and save" (not saved: the next language signs too).
    feature.done.show_signed("K7PD-3XQM", "printed", "pending")
    kiosk.window.navigator.go("agreement_done")
    shot("agreement-done", name)


def walk_pay(kiosk: Kiosk, shot: Callable[[str, str], None], name: str) -> None:
    """The pay question, then what "not paid" says (a sample agreement, nothing kept)."""
    from kiosk.domain.pay import PayAnswer, PayQuestion  # noqa: PLC0415

    pay = kiosk.controller.pay_ui.screen
    today = kiosk.controller.shell.today()
    pay.ask(
        PayQuestion(
            "K7PD-3XQM",
            "拉萨圣城装饰工程有限公司",
            "banyun",
            today - dt.timedelta(days=3),
            today - dt.timedelta(days=2),
            240,
            True,
            today - dt.timedelta(days=2),
            "城关区零工市场劳动维权窗口",
            "09:30-18:00",
        )
    )
    kiosk.window.navigator.go("pay")
    shot("pay", name)
    pay.given = PayAnswer.UNPAID  # as after the tap, without keeping an answer
    pay.face, pay.ticked = "bad", {"safe": True}
    pay.retranslate()
    shot("pay-unpaid", name)
    pay.clear()


def walk_complaint(kiosk: Kiosk, shot: Callable[[str, str], None], name: str) -> None:
    """The complaint's steps, the filed complaint and the news (samples, nothing kept)."""
    from kiosk.domain.complaint import CaseNews, Draft, RightsSession  # noqa: PLC0415
    from kiosk.services.complaints import Filed  # noqa: PLC0415

    feature = kiosk.controller.complaint_ui
    today = kiosk.controller.shell.today()
    sample = Draft(
        "K7PD-3XQM",
        None,
        "拉萨圣城装饰工程有限公司",
        480,
        today - dt.timedelta(days=3),
        today - dt.timedelta(days=2),
        "",
    )
    screen, nav = feature.screen, kiosk.window.navigator
    screen.start([sample])
    nav.go("complaint")
    shot("complaint-pick", name)
    screen.start([sample], sample)
    screen.digits = "580"
    screen.wizard.go_next()  # more than the total: asked again
    shot("complaint-amount", name)
    screen.wizard.go_next()
    shot("complaint-confirm", name)
    start = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(10))
    session = RightsSession(start, start + dt.timedelta(hours=2), "王律师", "城关区零工市场二楼")
    feature.done.show_filed(Filed("M4QX-7TRB", False, screen.draft or sample, session), "printed")
    nav.go("complaint_done")
    shot("complaint-done", name)
    feature.news_screen.show_news(CaseNews("M4QX-7TRB", "resolved", "paid"))
    nav.go("complaint_news")
    shot("complaint-news", name)
    screen.clear()
    feature.done.clear()
    feature.news_screen.clear()


def walk_phone(kiosk: Kiosk, shot: Callable[[str, str], None], name: str) -> None:
    """The code for the worker's phone page (a sample code, nothing asked of a market)."""
    from kiosk.services.phone import PhoneCode  # noqa: PLC0415

    screen = kiosk.controller.phone_ui.screen
    now = kiosk.controller.shell.clock.now()
    sample = PhoneCode("482913", now + dt.timedelta(minutes=10), "https://market.example/worker/")
    screen.show_code(sample, "13988887777")
    kiosk.window.navigator.go(screen.name)
    shot("phone", name)
    screen.clear()
    attract = kiosk.controller.visit_ui.attract  # with a sample login ticket's QR code
    attract.show_ticket("https://market.example/worker/t/Qm9vLXNhbXBsZS10aWNrZXQ")
    kiosk.window.navigator.go(attract.name)
    shot("attract-ticket", name)
    attract.show_ticket(None)
    kiosk.window.navigator.go("home")
