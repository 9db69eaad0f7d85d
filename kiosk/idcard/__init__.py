"""Card readers and scanners (PC/SC, SAM serial, keyboard wedge, demo); filled by the ID-card issue."""
