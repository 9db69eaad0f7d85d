"""The worker's phone page: home's button shows a one-time code and a QR code of the page."""
