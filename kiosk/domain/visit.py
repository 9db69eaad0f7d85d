"""The visit: who is at the kiosk, what they are doing, and what a card tap means now.

Pure Python, so every transition is tested without Qt. The UI's card and scan router asks
the visit (``on_card``, ``on_scan``, ``on_card_failed``) instead of checking which screen is
up, and tells it what happened (looked up, filed, finished...). Wrong-state events never
raise: they answer ``IGNORE`` (a tap) or ``False`` (a step), and the visit stays as it was.

Who is at the kiosk: nobody; someone filing a profile for an unknown card; a worker (alone,
or assisted by staff who started the visit for them, once the worker agreed); staff; a
technician; an employer hiring at the station (fast recruitment, issue 15), alone after
their own card's tap or with staff who started it for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

CHIP_WAIT_S = 600.0  # how long staff may register a chip-only card after its tap

Card = TypeVar("Card")  # the reader's event (kiosk.idcard.events.CardPresented)
View = TypeVar("View")  # what the screens show of the worker (kiosk.services.session)


class Phase(Enum):
    """Where the visit stands."""

    IDLE = "idle"  # the attract screen: nobody at the kiosk
    LOOKING_UP = "looking_up"  # a card was read; its holder is being looked up
    FILING = "filing"  # an unknown card's holder files a profile (consent first)
    AT_HOME = "at_home"  # a worker signed in, on their home screen
    BUSY = "busy"  # a worker in the middle of something: jobs, a job, their details
    SIGNING_IN = "signing_in"  # the PIN pad, for staff or a technician
    STAFF = "staff"  # staff at work
    ASSISTING = "assisting"  # staff wait for the card of the worker they will act for
    CONSENT = "consent"  # that worker is asked whether staff may act for them
    AGREEMENT = "agreement"  # staff opened an agreement: a tap confirms a party
    RECRUITING = "recruiting"  # an employer hires: a tap is theirs, or a called worker's
    TECHNICIAN = "technician"  # a technician at work
    OUT_OF_SERVICE = "out_of_service"  # the store cannot be used: a message, nothing else


class Who(Enum):
    """Who is at the kiosk."""

    NOBODY = "nobody"
    NEWCOMER = "newcomer"  # an unknown card's holder, filing
    WORKER = "worker"
    STAFF = "staff"
    TECHNICIAN = "technician"
    EMPLOYER = "employer"  # hiring at the station, without staff


class Tap(Enum):
    """What a card tap (or a scan, or a failed read) means in the current phase."""

    START = "start"  # look the card up and start a visit
    SWITCH = "switch"  # end the current worker's visit, then look the new card up
    REPORT = "report"  # say what went wrong with this card or scan
    IGNORE = "ignore"  # someone is at work: a stray card on the reader does nothing
    CONFIRM = "confirm"  # at an agreement: the tap confirms the party whose turn it is


# A tap starts or switches only where a worker could be starting: the attract screen, or a
# worker's home (the next person in the queue). Mid-task and in admin modes it waits.
# At an agreement a tap confirms a party (the screen says whose turn it is).
# Staff helping a worker wait for that worker's tap, which starts an assisted visit.
_TAP = {
    Phase.IDLE: Tap.START,
    Phase.AT_HOME: Tap.SWITCH,
    Phase.AGREEMENT: Tap.CONFIRM,
    Phase.ASSISTING: Tap.START,
    Phase.RECRUITING: Tap.CONFIRM,  # the employer's card, then the called worker's
}
_REPORTED = frozenset(
    {Phase.IDLE, Phase.AT_HOME, Phase.AGREEMENT, Phase.ASSISTING, Phase.RECRUITING}
)
_ADMIN = frozenset(
    {
        Phase.SIGNING_IN,
        Phase.STAFF,
        Phase.AGREEMENT,
        Phase.ASSISTING,
        Phase.RECRUITING,
        Phase.TECHNICIAN,
        Phase.OUT_OF_SERVICE,
    }
)


@dataclass(frozen=True)
class ChipWaiting:
    """A chip-only card that found no worker: staff may bind it for a while."""

    serial: str
    since: float  # monotonic seconds

    def fresh(self, now: float) -> bool:
        """Still within CHIP_WAIT_S of its tap."""
        return now - self.since < CHIP_WAIT_S


class Visit(Generic[Card, View]):
    """The state machine of one kiosk's visits (one instance for the kiosk's life)."""

    def __init__(self) -> None:
        self.phase = Phase.IDLE
        self.card: Card | None = None  # held only while its holder is looked up or files
        self.view: View | None = None  # the signed-in worker, as the screens show them
        self.assisted = False  # staff started this worker's visit for them
        self.editing = False  # the worker files again to change their details
        self.chip: ChipWaiting | None = None  # survives visits: staff come later to bind it
        self.staffed = True  # recruiting (and its agreement) with staff, not the employer alone
        self.recruit_agreement = False  # the open agreement came from fast recruitment

    @property
    def who(self) -> Who:
        """Who is at the kiosk now."""
        if self.phase is Phase.FILING and self.view is None:
            return Who.NEWCOMER
        if self.phase in (Phase.AT_HOME, Phase.BUSY, Phase.FILING, Phase.CONSENT):
            return Who.WORKER
        if self.phase in (Phase.RECRUITING, Phase.AGREEMENT) and not self.staffed:
            return Who.EMPLOYER
        if self.phase in (Phase.STAFF, Phase.AGREEMENT, Phase.ASSISTING, Phase.RECRUITING):
            return Who.STAFF
        if self.phase is Phase.TECHNICIAN:
            return Who.TECHNICIAN
        return Who.NOBODY

    @property
    def in_session(self) -> bool:
        """Someone is using the kiosk (the idle rule runs)."""
        return self.phase is not Phase.IDLE

    # --- what a device event means ------------------------------------------------------
    def tap_meaning(self) -> Tap:
        """What a card tap would mean now (nothing changes): SWITCH means the current
        visit must be ended first (then the tap is a START)."""
        return _TAP.get(self.phase, Tap.IGNORE)

    def on_card(self, card: Card) -> Tap:
        """A card was read: START or SWITCH begin a look-up (the card is kept meanwhile);
        CONFIRM leaves the visit as it is (the agreement checks whose card it is)."""
        tap = self.tap_meaning()
        if tap in (Tap.START, Tap.SWITCH):
            assisted = self.phase is Phase.ASSISTING
            self._clear()
            self.phase, self.card, self.assisted = Phase.LOOKING_UP, card, assisted
        return tap

    def on_card_failed(self) -> Tap:
        """A card could not be read: REPORT where a worker could be starting."""
        return Tap.REPORT if self.phase in _REPORTED else Tap.IGNORE

    def on_scan(self) -> Tap:
        """A QR code was scanned (QR login comes later): REPORT where a tap would count."""
        return self.on_card_failed()

    # --- what the services answered -----------------------------------------------------
    def waits_for(self, card: Card) -> bool:
        """This card's look-up is still the one the visit waits for."""
        return self.phase is Phase.LOOKING_UP and self.card is card

    def looked_up(self, view: View) -> bool:
        """The card's holder is a registered worker: their visit starts at home, or, when
        staff are to act for them, with the question whether they agree (``CONSENT``)."""
        if self.phase is not Phase.LOOKING_UP:
            return False  # the visit ended (timeout, staff) while the look-up ran
        phase = Phase.CONSENT if self.assisted else Phase.AT_HOME
        self.phase, self.card, self.view = phase, None, view
        return True

    def consent_given(self) -> bool:
        """The worker agreed that staff act for them: their (assisted) visit starts."""
        if self.phase is not Phase.CONSENT:
            return False
        self.phase = Phase.AT_HOME
        return True

    def unknown_card(self, readable: bool, chip_serial: str, now: float) -> bool:
        """No worker for this card: file a profile (the identity was read), or keep a
        chip-only card for staff to bind. Returns True when filing starts."""
        if self.phase is not Phase.LOOKING_UP:
            return False
        if readable:
            self.phase = Phase.FILING
            return True
        if chip_serial:
            self.chip = ChipWaiting(chip_serial, now)
        self.phase, self.card = Phase.IDLE, None
        return False

    def refused(self) -> None:
        """The card was refused (expired, invalid, a fault): back to the start."""
        if self.phase is Phase.LOOKING_UP:
            self.phase, self.card = Phase.IDLE, None

    def filed(self, view: View) -> bool:
        """The profile was saved (new, or edited): the worker is at home."""
        if self.phase is not Phase.FILING:
            return False
        self.phase, self.card, self.view, self.editing = Phase.AT_HOME, None, view, False
        return True

    # --- what the worker did ------------------------------------------------------------
    def task_started(self) -> bool:
        """The worker left home for a task (jobs, a job): taps wait until they are back."""
        if self.phase not in (Phase.AT_HOME, Phase.BUSY):
            return False
        self.phase = Phase.BUSY
        return True

    def back_home(self) -> bool:
        """The worker is on their home screen again."""
        if self.phase not in (Phase.AT_HOME, Phase.BUSY):
            return False
        self.phase = Phase.AT_HOME
        return True

    def edit_started(self) -> bool:
        """The worker changes their details (the filing steps again, no consent)."""
        if self.phase not in (Phase.AT_HOME, Phase.BUSY) or self.view is None:
            return False
        self.phase, self.editing = Phase.FILING, True
        return True

    def edit_cancelled(self) -> bool:
        """The worker left "my details" without saving: home again, nothing changed."""
        if self.phase is not Phase.FILING or not self.editing:
            return False
        self.phase, self.editing = Phase.AT_HOME, False
        return True

    # --- staff and technicians ----------------------------------------------------------
    def gesture_allowed(self) -> bool:
        """Whether the hidden gesture opens the PIN pad now (not during admin work, not
        out of service; while an employer hires alone, staff may step in)."""
        if self.phase in (Phase.RECRUITING, Phase.AGREEMENT) and not self.staffed:
            return True
        return self.phase not in _ADMIN

    def pin_requested(self) -> bool:
        """The hidden gesture: any visit ends and the PIN pad opens (False: already there,
        or staff or a technician is at work)."""
        if not self.gesture_allowed():
            return False
        self._clear()
        self.phase = Phase.SIGNING_IN
        return True

    def signed_in(self, staff: bool) -> bool:
        """A PIN was accepted: staff or a technician is at work."""
        if self.phase is not Phase.SIGNING_IN:
            return False
        self.phase = Phase.STAFF if staff else Phase.TECHNICIAN
        return True

    def chip_for_staff(self, now: float) -> str | None:
        """The chip-only card staff may bind now (None when none, or too old)."""
        chip = self.chip
        return chip.serial if chip is not None and chip.fresh(now) else None

    def staff_take_over(self, card: Card) -> bool:
        """Staff identified a waiting chip-only card's holder; the look-up runs for them."""
        if self.phase is not Phase.STAFF:
            return False
        self.phase, self.card, self.assisted, self.chip = Phase.LOOKING_UP, card, True, None
        return True

    def assist_requested(self) -> bool:
        """Staff will act for a worker: the worker's tap is awaited (staff stay at work)."""
        if self.phase is not Phase.STAFF:
            return False
        self.phase = Phase.ASSISTING
        return True

    def agreement_opened(self) -> bool:
        """Staff (or fast recruitment) opened an agreement to sign: taps now confirm its
        parties."""
        if self.phase not in (Phase.STAFF, Phase.RECRUITING):
            return False
        self.recruit_agreement = self.phase is Phase.RECRUITING
        self.phase = Phase.AGREEMENT
        return True

    def agreement_closed(self) -> bool:
        """Signed, or left: back where it was opened, staff's screen or the recruitment
        (taps are ignored again on staff's screen)."""
        if self.phase is not Phase.AGREEMENT:
            return False
        self.phase = Phase.RECRUITING if self.recruit_agreement else Phase.STAFF
        self.recruit_agreement = False
        return True

    # --- fast recruitment (issue 15) ----------------------------------------------------
    def recruit_started(self) -> bool:
        """Staff start fast recruitment for an employer: the employer's tap is awaited."""
        if self.phase is not Phase.STAFF:
            return False
        self.phase, self.staffed = Phase.RECRUITING, True
        return True

    def employer_found(self) -> bool:
        """The looked-up card is no worker's but a known employer's: they hire, alone."""
        if self.phase is not Phase.LOOKING_UP:
            return False
        self.phase, self.card, self.staffed = Phase.RECRUITING, None, False
        return True

    def recruit_ended(self) -> bool:
        """Recruitment is over: staff are back at their screen (True), or the employer's
        visit ends (False; the kiosk is idle again)."""
        if self.phase not in (Phase.RECRUITING, Phase.AGREEMENT):
            return False
        if self.staffed:
            self.phase, self.recruit_agreement = Phase.STAFF, False
            return True
        self.finish()
        return False

    # --- the end --------------------------------------------------------------------------
    def out_of_service(self) -> None:
        """The kiosk cannot serve (its database failed): taps and the gesture do nothing."""
        self._clear()
        self.phase = Phase.OUT_OF_SERVICE

    def back_in_service(self) -> bool:
        """The store can be used again (the disk was mended): idle, taps start visits."""
        if self.phase is not Phase.OUT_OF_SERVICE:
            return False
        self._clear()
        self.phase = Phase.IDLE
        return True

    def finish(self) -> bool:
        """End whatever is going on (finish, idle, cancel, an error); True when something
        did. A waiting chip-only card is kept for staff; out of service stays so."""
        if self.phase is Phase.OUT_OF_SERVICE:
            return False
        ended = self.phase is not Phase.IDLE
        self._clear()
        self.phase = Phase.IDLE
        return ended

    def _clear(self) -> None:
        self.card, self.view, self.assisted, self.editing = None, None, False, False
        self.staffed, self.recruit_agreement = True, False
