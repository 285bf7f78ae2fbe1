"""FinTrack's command line: one module per command, dispatched by `python -m fintrack` (`fintrack`)."""
