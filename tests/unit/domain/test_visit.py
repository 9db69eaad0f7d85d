"""The visit state machine: every transition, and every event in a phase where it is wrong."""

from __future__ import annotations

import pytest

from kiosk.domain.visit import CHIP_WAIT_S, Phase, Tap, Visit, Who

V = Visit[str, str]


def at(phase: Phase) -> V:
    """A visit brought to ``phase`` the way a kiosk gets there."""
    v: V = Visit()
    steps = {
        Phase.IDLE: [],
        Phase.LOOKING_UP: [lambda: v.on_card("card-a")],
        Phase.FILING: [lambda: v.on_card("card-a"), lambda: v.unknown_card(True, "", 0.0)],
        Phase.AT_HOME: [lambda: v.on_card("card-a"), lambda: v.looked_up("worker-a")],
        Phase.BUSY: [
            lambda: v.on_card("card-a"),
            lambda: v.looked_up("worker-a"),
            v.task_started,
        ],
        Phase.SIGNING_IN: [v.pin_requested],
        Phase.STAFF: [v.pin_requested, lambda: v.signed_in(True)],
        Phase.AGREEMENT: [v.pin_requested, lambda: v.signed_in(True), v.agreement_opened],
        Phase.ASSISTING: [v.pin_requested, lambda: v.signed_in(True), v.assist_requested],
        Phase.CONSENT: [
            v.pin_requested,
            lambda: v.signed_in(True),
            v.assist_requested,
            lambda: v.on_card("card-a"),
            lambda: v.looked_up("worker-a"),
        ],
        Phase.RECRUITING: [v.pin_requested, lambda: v.signed_in(True), v.recruit_started],
        Phase.TECHNICIAN: [v.pin_requested, lambda: v.signed_in(False)],
        Phase.OUT_OF_SERVICE: [v.out_of_service],
    }[phase]
    for step in steps:
        step()
    assert v.phase is phase
    return v


def test_a_tap_at_the_start_looks_the_card_up_and_a_worker_lands_at_home() -> None:
    v: V = Visit()
    assert (v.who, v.in_session) == (Who.NOBODY, False)
    assert v.on_card("card-a") is Tap.START
    assert (v.phase, v.card) == (Phase.LOOKING_UP, "card-a")
    assert v.looked_up("worker-a")
    assert (v.phase, v.who, v.view, v.card) == (Phase.AT_HOME, Who.WORKER, "worker-a", None)


def test_the_next_person_tapping_at_a_workers_home_switches_the_visit() -> None:
    v = at(Phase.AT_HOME)
    assert v.tap_meaning() is Tap.SWITCH
    assert v.phase is Phase.AT_HOME, "asking changes nothing"
    assert v.on_card("card-b") is Tap.SWITCH
    assert (v.phase, v.card, v.view) == (Phase.LOOKING_UP, "card-b", None)
    assert v.looked_up("worker-b")
    assert v.view == "worker-b"


@pytest.mark.parametrize(
    "phase",
    [
        Phase.LOOKING_UP,
        Phase.FILING,
        Phase.BUSY,
        Phase.SIGNING_IN,
        Phase.STAFF,
        Phase.TECHNICIAN,
        Phase.OUT_OF_SERVICE,
    ],
)
def test_a_tap_while_someone_is_at_work_changes_nothing(phase: Phase) -> None:
    v = at(phase)
    before = (v.phase, v.card, v.view)
    assert v.tap_meaning() is Tap.IGNORE
    assert v.on_card("stray-card") is Tap.IGNORE
    assert v.on_card_failed() is Tap.IGNORE
    assert v.on_scan() is Tap.IGNORE
    assert (v.phase, v.card, v.view) == before


@pytest.mark.parametrize("phase", [Phase.IDLE, Phase.AT_HOME])
def test_a_bad_card_or_a_scan_is_reported_where_a_visit_could_start(phase: Phase) -> None:
    v = at(phase)
    assert v.on_card_failed() is Tap.REPORT
    assert v.on_scan() is Tap.REPORT
    assert v.phase is phase


def test_an_unknown_readable_card_files_and_filing_ends_at_home() -> None:
    v = at(Phase.LOOKING_UP)
    assert v.unknown_card(True, "chip-1", 5.0)
    assert (v.phase, v.who, v.card) == (Phase.FILING, Who.NEWCOMER, "card-a")
    assert v.chip is None  # the identity was read: nothing for staff to bind
    assert v.filed("worker-new")
    assert (v.phase, v.view, v.card) == (Phase.AT_HOME, "worker-new", None)


def test_an_unknown_chip_only_card_waits_for_staff_for_ten_minutes() -> None:
    v = at(Phase.LOOKING_UP)
    assert not v.unknown_card(False, "chip-1", 100.0)
    assert (v.phase, v.card) == (Phase.IDLE, None)
    assert v.chip_for_staff(100.0 + CHIP_WAIT_S - 1) == "chip-1"
    assert v.chip_for_staff(100.0 + CHIP_WAIT_S) is None
    v.finish()
    assert v.chip_for_staff(101.0) == "chip-1", "a finished visit keeps it for staff"


def test_a_refused_card_goes_back_to_the_start() -> None:
    v = at(Phase.LOOKING_UP)
    v.refused()
    assert (v.phase, v.card) == (Phase.IDLE, None)


@pytest.mark.parametrize("phase", [Phase.IDLE, Phase.AT_HOME, Phase.STAFF, Phase.SIGNING_IN])
def test_a_late_look_up_answer_after_the_visit_moved_on_is_dropped(phase: Phase) -> None:
    v = at(phase)
    before = (v.phase, v.view)
    assert not v.looked_up("late-worker")
    assert not v.unknown_card(True, "chip", 0.0)
    v.refused()
    assert (v.phase, v.view) == before


def test_tasks_make_taps_wait_until_the_worker_is_home_again() -> None:
    v = at(Phase.AT_HOME)
    assert v.task_started()
    assert v.on_card("card-b") is Tap.IGNORE
    assert v.back_home()
    assert v.on_card("card-b") is Tap.SWITCH


@pytest.mark.parametrize("phase", [Phase.IDLE, Phase.FILING, Phase.STAFF, Phase.LOOKING_UP])
def test_worker_steps_outside_a_workers_visit_do_nothing(phase: Phase) -> None:
    v = at(phase)
    assert not v.task_started()
    assert not v.back_home()
    assert not v.edit_started()
    assert not v.signed_in(True)
    assert v.phase is phase


def test_editing_details_is_filing_again_for_the_signed_in_worker() -> None:
    v = at(Phase.BUSY)
    assert v.edit_started()
    assert (v.phase, v.who, v.editing, v.view) == (Phase.FILING, Who.WORKER, True, "worker-a")
    assert v.filed("worker-a-edited")
    assert (v.phase, v.editing, v.view) == (Phase.AT_HOME, False, "worker-a-edited")


def test_leaving_my_details_unsaved_is_home_again_and_a_newcomer_cannot_leave_so() -> None:
    v = at(Phase.AT_HOME)
    assert v.edit_started()
    assert v.edit_cancelled()
    assert (v.phase, v.editing, v.view) == (Phase.AT_HOME, False, "worker-a")
    assert not v.edit_cancelled(), "only once"
    newcomer = at(Phase.FILING)  # a new card's filing: consent, not an edit
    assert not newcomer.edit_cancelled()
    assert newcomer.phase is Phase.FILING


@pytest.mark.parametrize("phase", [Phase.IDLE, Phase.AT_HOME, Phase.BUSY, Phase.FILING])
def test_the_hidden_gesture_ends_any_visit_and_opens_the_pin_pad(phase: Phase) -> None:
    v = at(phase)
    assert v.gesture_allowed()
    assert v.pin_requested()
    assert (v.phase, v.view, v.card) == (Phase.SIGNING_IN, None, None)


@pytest.mark.parametrize(
    "phase", [Phase.SIGNING_IN, Phase.STAFF, Phase.TECHNICIAN, Phase.OUT_OF_SERVICE]
)
def test_the_gesture_during_admin_work_or_out_of_service_is_ignored(phase: Phase) -> None:
    v = at(phase)
    assert not v.gesture_allowed()
    assert not v.pin_requested()
    assert v.phase is phase


def test_a_pin_opens_staff_or_technician_mode() -> None:
    assert at(Phase.STAFF).who is Who.STAFF
    assert at(Phase.TECHNICIAN).who is Who.TECHNICIAN
    v: V = Visit()
    assert not v.signed_in(True), "no PIN pad, no sign-in"


def test_staff_take_over_a_waiting_chip_card_and_the_worker_is_assisted() -> None:
    v = at(Phase.LOOKING_UP)
    v.unknown_card(False, "chip-1", 0.0)
    v.pin_requested()
    v.signed_in(True)
    assert v.staff_take_over("card-typed-by-staff")
    assert (v.phase, v.assisted, v.chip) == (Phase.LOOKING_UP, True, None)
    assert v.looked_up("worker-a")
    assert (v.who, v.assisted) == (Who.WORKER, True)
    v.finish()
    assert not v.assisted


def test_only_staff_can_take_over() -> None:
    for phase in (Phase.IDLE, Phase.AT_HOME, Phase.TECHNICIAN):
        v = at(phase)
        assert not v.staff_take_over("card")
        assert v.phase is phase


def test_out_of_service_outlasts_the_end_of_a_visit() -> None:
    v = at(Phase.OUT_OF_SERVICE)
    assert not v.finish()
    assert (v.phase, v.who) == (Phase.OUT_OF_SERVICE, Who.NOBODY)


@pytest.mark.parametrize("phase", [p for p in Phase if p is not Phase.OUT_OF_SERVICE])
def test_finish_always_returns_to_the_start_and_forgets_the_person(phase: Phase) -> None:
    v = at(phase)
    assert v.finish() is (phase is not Phase.IDLE)
    assert (v.phase, v.who, v.card, v.view, v.editing) == (
        Phase.IDLE,
        Who.NOBODY,
        None,
        None,
        False,
    )


def test_at_an_agreement_a_tap_confirms_a_party_and_the_visit_stays() -> None:
    v = at(Phase.AGREEMENT)
    assert v.who is Who.STAFF
    assert v.on_card("card-a") is Tap.CONFIRM
    assert (v.phase, v.card) == (Phase.AGREEMENT, None)  # nobody is looked up
    assert v.on_card_failed() is Tap.REPORT  # a failed read is said: someone is waiting
    assert not v.gesture_allowed()
    assert v.agreement_closed()
    assert v.phase is Phase.STAFF
    assert v.on_card("card-a") is Tap.IGNORE  # at the staff screen a stray card does nothing
    assert not at(Phase.AT_HOME).agreement_opened()  # only staff open an agreement


def test_staff_acting_for_a_worker_wait_for_the_card_then_ask_the_worker() -> None:
    v = at(Phase.STAFF)
    assert v.assist_requested()
    assert (v.phase, v.who) == (Phase.ASSISTING, Who.STAFF)
    assert not v.gesture_allowed()  # staff are at work
    assert v.on_card("card-a") is Tap.START
    assert (v.phase, v.assisted) == (Phase.LOOKING_UP, True)
    assert v.looked_up("worker-a")
    assert (v.phase, v.who) == (Phase.CONSENT, Who.WORKER)
    assert v.on_card("someone-else") is Tap.IGNORE  # the question is the worker's
    assert not v.task_started()  # nothing of theirs before they agree
    assert v.consent_given()
    assert (v.phase, v.view, v.assisted) == (Phase.AT_HOME, "worker-a", True)
    assert not v.consent_given()  # once


def test_a_worker_who_taps_alone_is_not_asked() -> None:
    v = at(Phase.IDLE)
    v.on_card("card-a")
    v.looked_up("worker-a")
    assert (v.phase, v.assisted) == (Phase.AT_HOME, False)
    assert not v.consent_given()


def test_only_staff_can_ask_to_act_for_a_worker() -> None:
    for phase in (Phase.IDLE, Phase.AT_HOME, Phase.TECHNICIAN, Phase.AGREEMENT):
        v = at(phase)
        assert not v.assist_requested()
        assert v.phase is phase


def test_declining_ends_the_assisted_visit_with_nothing_kept() -> None:
    v = at(Phase.STAFF)
    v.assist_requested()
    v.on_card("card-a")
    v.looked_up("worker-a")
    assert v.finish()
    assert (v.phase, v.view, v.assisted) == (Phase.IDLE, None, False)


def test_staff_recruit_for_an_employer_taps_confirm_and_they_come_back_to_staff() -> None:
    v = at(Phase.STAFF)
    assert v.recruit_started()
    assert (v.phase, v.who) == (Phase.RECRUITING, Who.STAFF)
    assert v.on_card("employer-card") is Tap.CONFIRM  # the employer's, then a called worker's
    assert (v.phase, v.card) == (Phase.RECRUITING, None)
    assert v.on_card_failed() is Tap.REPORT
    assert not v.gesture_allowed(), "staff are at work"
    assert v.agreement_opened()  # the called worker took the job
    assert v.agreement_closed()
    assert v.phase is Phase.RECRUITING, "back to the list, not to staff's screen"
    assert v.recruit_ended()
    assert v.phase is Phase.STAFF
    assert not at(Phase.AT_HOME).recruit_started(), "only staff start it for an employer"


def test_an_employer_alone_hires_and_their_visit_ends_with_it() -> None:
    v = at(Phase.LOOKING_UP)
    assert v.employer_found()
    assert (v.phase, v.who, v.card) == (Phase.RECRUITING, Who.EMPLOYER, None)
    assert v.gesture_allowed(), "staff may step in"
    assert v.agreement_opened()
    assert v.who is Who.EMPLOYER
    assert v.agreement_closed()
    assert not v.recruit_ended(), "no staff screen to go back to"
    assert (v.phase, v.who) == (Phase.IDLE, Who.NOBODY)
    assert not at(Phase.AT_HOME).employer_found()
    assert not at(Phase.STAFF).recruit_ended()
