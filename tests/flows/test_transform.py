import json

from flows.tasks.transform import project_digest


def manifest(tmp_path, description):
    path = tmp_path / "manifest.json"
    node = {
        "checksum": {"checksum": "abc"},
        "description": description,
        "columns": {"article_id": {"description": "Key."}},
    }
    path.write_text(json.dumps({"nodes": {"model.newsdesk.fct_articles": node}, "sources": {}}))
    return path


def test_the_docs_digest_follows_descriptions_and_sql(tmp_path):
    first = project_digest(manifest(tmp_path, "One row per article copy."))
    assert first == project_digest(manifest(tmp_path, "One row per article copy."))
    assert first != project_digest(manifest(tmp_path, "One row per article."))


def test_no_manifest_gives_no_digest(tmp_path):
    assert project_digest(tmp_path / "missing.json") is None
    (tmp_path / "broken.json").write_text("{not json")
    assert project_digest(tmp_path / "broken.json") is None
