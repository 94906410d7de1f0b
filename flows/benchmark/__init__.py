"""The nightly benchmark: a large synthetic news corpus served on loopback, and the runner that times it.

`python -m flows.benchmark --help` runs it. Modules:

- `corpus`: vary the sample site's articles into N distinct pages, write them with a manifest, and
  render the feeds, sitemaps (split under a sitemap index) and robots.txt that list them;
- `server`: serve a corpus on 127.0.0.1, one virtual host per outlet, picked by the `Host` header;
- `figures`: pure arithmetic of the figures (marginal rates, stage rates, log and API timings);
- `runner`: the command line that builds the corpus, runs the nightly and a bare trafilatura loop,
  and prints and writes the figures.
"""
