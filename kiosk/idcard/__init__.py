"""Card readers and scanners (PC/SC, SAM serial, keyboard wedge, demo).

Filled by the ID-card issue.
"""
