"""Command-line subcommands, one module per topic, each with register(subparsers)."""
