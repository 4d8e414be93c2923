"""Storage: the SQLite file, its schema and migrations, repositories, audit log, keys, backups."""
