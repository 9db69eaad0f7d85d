"""Reusable kiosk widgets: bilingual labels, big buttons, keypad, banner."""
