"""Qt item models over domain values (lists are models and delegates, never widget rows)."""
