"""The simple employment agreement: its sections as catalog messages, and the printed PDF."""
