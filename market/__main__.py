"""``python -m market`` runs the server."""

from market.server import main

raise SystemExit(main())
