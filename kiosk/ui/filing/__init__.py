"""Filing a profile: consent and the steps, editing details, staff registering a card."""
