"""FinTrack: a self-hosted finance tracker for small-business owners."""
