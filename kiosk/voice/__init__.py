"""Spoken prompts (UX.md "Voice"): Chinese and English synthesised by espeak-ng (through
pyttsx3 on one owner thread, or the ``espeak-ng`` command), Tibetan from clips recorded by
station staff. Qt-free: playback is bridged in ``kiosk/ui/voice.py``.
"""
