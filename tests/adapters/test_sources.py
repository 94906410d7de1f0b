import pytest

from flows.adapters.http import Fetcher
from flows.adapters.sources import Source, SourcesFileError, discover, load_sources
from flows.settings import Settings


def write(tmp_path, text):
    path = tmp_path / "sources.yaml"
    path.write_text(text)
    return path


def test_sources_file_with_every_kind(tmp_path):
    (tmp_path / "urls.txt").write_text(
        "# comment\nhttp://www.caspianwire.com/a/\n\nhttp://www.caspianwire.com/b/\n"
    )
    path = write(
        tmp_path,
        """
sources:
  - {name: wire, kind: rss, url: "http://www.caspianwire.com/feed.xml", country_code: AZE}
  - {name: blog, kind: atom, url: "http://blog.policyhorizons.net/atom.xml"}
  - {name: paper, kind: sitemap, url: "http://www.dailymeridian.com/sitemap.xml"}
  - {name: list, kind: urls, path: urls.txt}
""",
    )
    sources = load_sources(path)
    assert [source.kind for source in sources] == ["rss", "atom", "sitemap", "urls"]
    assert sources[3].path == str(tmp_path / "urls.txt")
    with Fetcher(Settings(state_dir=tmp_path)) as fetcher:
        found = discover(sources[3], fetcher)
    assert [entry.url for entry in found.entries] == [
        "http://www.caspianwire.com/a/",
        "http://www.caspianwire.com/b/",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources: [{name: a, kind: rss}]", r"sources\[0\].*needs a url"),
        ("sources: [{name: a, kind: carrier-pigeon, url: 'http://x.com'}]", r"sources\[0\].*kind"),
        ("sources: [{kind: rss, url: 'http://x.com'}]", r"sources\[0\].*name"),
        ("sources: [{name: a, kind: rss, url: 'http://x.com', colour: red}]", r"colour"),
        ("just a string", "expected a mapping"),
        (
            "sources: [{name: a, kind: rss, url: 'http://x.com'}, {name: a, kind: rss, url: 'http://y.com'}]",
            "repeated: a",
        ),
        ("sources: [unclosed", "not valid YAML"),
        ("sources: [{name: a, kind: rss, url: 'http://x.com', country_code: XX}]", r"country_code 'XX'"),
    ],
)
def test_bad_sources_files_name_the_file_and_the_problem(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(SourcesFileError, match=message) as error:
        load_sources(path)
    assert str(path) in str(error.value)


def test_missing_sources_file(tmp_path):
    with pytest.raises(SourcesFileError, match="cannot read"):
        load_sources(tmp_path / "nope.yaml")


def test_unreachable_feed_is_an_error_not_an_exception(tmp_path):
    source = Source(name="wire", kind="rss", url="http://127.0.0.1:9/feed.xml")
    with Fetcher(Settings(state_dir=tmp_path)) as fetcher:
        found = discover(source, fetcher)
    assert found.entries == ()
    assert "address_refused" in found.error
