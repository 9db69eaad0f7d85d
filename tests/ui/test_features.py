"""The features as units: every screen belongs to one feature, which lists what it says."""

from __future__ import annotations

from kiosk.ui.controller import FEATURES
from kiosk.ui.voiceflow import spoken_prompts
from tests.helpers.kiosk import Rig


def test_every_screen_belongs_to_exactly_one_feature(demo_rig: Rig) -> None:
    controller = demo_rig.kiosk.controller
    owned = [screen.name for feature in controller.features for screen in feature.screens]
    owned.append("attract")  # built before the first frame, by the visit feature
    assert sorted(owned) == sorted(controller.screens)
    assert {type(f) for f in controller.features} == set(FEATURES)


def test_every_screen_prompt_is_listed_by_its_feature_for_recording(demo_rig: Rig) -> None:
    controller = demo_rig.kiosk.controller
    recordable = set(spoken_prompts(demo_rig.kiosk.texts.catalog))
    for feature in controller.features:
        screens = feature.screens + (
            [controller.visit_ui.attract] if feature is controller.visit_ui else []
        )
        for screen in screens:
            if screen.prompt_id:
                assert screen.prompt_id in type(feature).spoken, (type(feature), screen.name)
                assert screen.prompt_id in recordable
