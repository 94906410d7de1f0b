"""newsdesk: a nightly pipeline that turns news sites into a validated DuckDB warehouse."""

__version__ = "0.1.0"
