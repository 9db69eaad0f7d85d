"""Pure-Python core: entities, rules and state machines, importable with no Qt and no database."""
