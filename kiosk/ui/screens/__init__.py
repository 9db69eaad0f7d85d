"""One screen per task; each retranslates on a language switch."""
