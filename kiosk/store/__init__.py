"""SQLite storage: models, migrations, durability settings and repositories."""
