"""The benchmark harness: figures measured against a baseline taken in the same run."""
