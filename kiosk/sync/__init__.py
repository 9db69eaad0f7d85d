"""Sync with the market server (wire models, client, outbox pump); filled by the sync issue."""
