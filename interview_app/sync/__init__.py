"""USB sync: encrypted, authenticated package files; export, inspection, import and merge."""
