"""Reference market server for the kiosks' sync protocol (SYNC.md): FastAPI + SQLAlchemy."""
