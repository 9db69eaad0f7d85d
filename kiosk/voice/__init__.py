"""Spoken prompts (TTS owner thread, recorded clips); filled by the voice issue."""
