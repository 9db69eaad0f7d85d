"""Printing through CUPS (the agreement, the visit summary, a technician's test page)."""
