"""Test seam for the processes the test suite starts (the app, the command line, crash children):
Python imports `sitecustomize` at start-up from PYTHONPATH, which tests/conftest.py points here.

It lowers the scrypt cost (full strength costs ~0.8 s and 128 MiB a hash) the same way the
in-process tests do: by setting the module constant. This folder is not part of the package and
never ships; the application itself has no switch that weakens password hashing.
"""

try:
    from interview_app.storage import passwords
except ImportError:  # a child that does not run the application
    pass
else:
    passwords.SCRYPT_N = 1024
