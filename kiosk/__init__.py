"""Self-service terminal for Lhasa gig-worker stations."""

__version__ = "0.1.0"
