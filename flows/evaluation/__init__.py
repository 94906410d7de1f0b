"""Quality and speed measurements run against data outside the project (`make eval`), never in unit tests."""
