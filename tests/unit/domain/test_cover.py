"""An employer's accident cover: the rule a published job's cover keeps (both sides), and
how the agreement names the policy."""

from __future__ import annotations

from kiosk.domain.cover import Cover, cover_problem
from kiosk.domain.rows import row_problem

GOOD = {
    "insurer": "某保险公司",
    "policy_no": "P-1",
    "sum_insured": 200_000,
    "claim_phone": "0891-1",
}


def test_a_whole_cover_is_kept_and_named_in_the_agreement() -> None:
    cover = Cover.from_wire(GOOD)
    assert cover == Cover("某保险公司", "P-1", 200_000, "0891-1")
    assert cover is not None
    assert cover.policy_line == "P-1（某保险公司，每人保额 200000 元，报案电话 0891-1）"
    assert cover_problem(None) is None  # no cover is allowed: it is shown as none


def test_a_broken_cover_is_refused_naming_what_is_wrong() -> None:
    for wrong, says in (
        ({"insurer": ""}, "insurer"),
        ({"policy_no": "x" * 65}, "policy_no"),
        ({"sum_insured": 0}, "sum insured"),
        ({"sum_insured": True}, "sum insured"),
        ({"claim_phone": "call me"}, "claim phone"),
    ):
        value = {**GOOD, **wrong}
        assert says in (cover_problem(value) or ""), wrong
        assert Cover.from_wire(value) is None
    assert "cover" in (cover_problem("yes") or "")


def test_a_pulled_job_with_a_broken_cover_is_set_aside() -> None:
    job = {"title_zh": "搬运", "day_wage": 250, "slots_total": 2, "lat": 29.6, "lon": 91.1}
    assert row_problem("jobs", job) is None
    assert row_problem("jobs", {**job, "cover": GOOD}) is None
    assert "sum insured" in (
        row_problem("jobs", {**job, "cover": {**GOOD, "sum_insured": -1}}) or ""
    )
