"""`python -m interview_app` runs the command-line interface."""

from interview_app.cli import main

raise SystemExit(main())
