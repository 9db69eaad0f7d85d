"""``python -m kiosk`` runs the kiosk."""

from kiosk.app import main

raise SystemExit(main())
