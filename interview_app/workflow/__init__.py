"""The counter's operations without Qt: sign-in and lock, home lists, the running interview, review and decision."""
