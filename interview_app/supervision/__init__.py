"""Supervisor tools without Qt: settings, accounts, scripts, review, audit, retention."""
