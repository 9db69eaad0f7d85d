"""Sync status on screen, and enrolment with the market server."""
