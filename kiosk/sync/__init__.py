"""Sync with the market server (SYNC.md): wire vocabulary, HTTP client, engine and thread.

Qt-free and store-free: the engine talks to a :class:`kiosk.sync.engine.LocalStore` port
that the composition root fills with the store's implementation.
"""
