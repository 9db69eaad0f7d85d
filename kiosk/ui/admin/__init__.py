"""Staff and technicians: the PIN pad and their work screens."""
