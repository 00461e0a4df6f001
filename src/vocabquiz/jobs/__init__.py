"""Background jobs: work that runs outside requests (large word-list imports, housekeeping)."""
