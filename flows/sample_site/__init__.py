"""A fictional news site in four outlets, served on 127.0.0.1 for the demo and the end-to-end tests.

The public API lives in `flows.sample_site.server`: `catalog()`, `outlets()`, `serve_sample_site()`
and `write_sources_file()`. `python -m flows.sample_site.server` serves the site in the foreground.
"""
