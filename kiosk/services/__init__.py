"""Use cases over ports (Protocols); no Qt, no SQL. ``app`` wires real adapters in."""
