"""The exported names are the public API; guard them."""

from __future__ import annotations

import pytest

import tacitus


def test_public_api_names():
    assert set(tacitus.__all__) == {
        "Actor", "Coder", "Config", "ConfigError", "DictionaryError", "Document", "DocumentError", "Event",
        "InputError", "Location", "ModelNotFoundError", "Reject", "StoreError", "TacitusError", "__version__",
        "code_documents", "code_text", "open_store",
    }
    for name in tacitus.__all__:
        assert hasattr(tacitus, name), name


def test_public_api_errors_derive_from_base():
    for name in ("ConfigError", "DictionaryError", "DocumentError", "InputError", "ModelNotFoundError", "StoreError"):
        assert issubclass(getattr(tacitus, name), tacitus.TacitusError)


def test_public_api_open_store_reads_a_store(tmp_path):
    from tacitus.store import Store

    path = tmp_path / "t.duckdb"
    with Store(path) as store:
        assert store.counts()["events"] == 0
    with tacitus.open_store(str(path)) as store:
        assert list(store.events().columns)[:2] == ["event_id", "doc_id"]


@pytest.mark.model
def test_code_text_and_code_documents_share_a_coder_per_config():
    import tacitus

    events = tacitus.code_text("Russian forces shelled the Ukrainian city of Kharkiv, officials said.",
                               date="2022-03-01", config=tacitus.Config(processes=1))
    assert [(e.source.code, e.root, e.target.code, e.modality) for e in events] == [
        ("RUSMIL", "19", "UKR", "asserted")]
    docs = [tacitus.Document(id="a1", text="Iran condemned the Israeli airstrikes.", date="2024-04-02")]
    found = list(tacitus.code_documents(docs, config=tacitus.Config(processes=1)))
    assert [(e.source.code, e.root, e.target.code) for e in found] == [("IRN", "11", "ISR")]
