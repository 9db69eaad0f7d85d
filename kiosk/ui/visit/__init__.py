"""The visit and home: the attract screen, the card router, the worker's home."""
