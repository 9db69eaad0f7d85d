"""Recording the Tibetan prompts at the kiosk."""
