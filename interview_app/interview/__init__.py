"""One interview: the engine, identity checks, answer values, headless simulation."""
