"""The window's corrections controller on its own: writes off the UI thread, in order, and an
indexing cut short last time is caught up when the store is next opened."""

from __future__ import annotations

from pathlib import Path

from tests.core.corpus.test_corrections import BIDEN, _store_with, docks, senate
from viewer.core.corpus.corrections import NotEntity, Rename
from viewer.ui.corrections import CorrectionsController


def test_indexing_cut_short_is_caught_up_when_the_store_is_next_opened(qtbot: object, tmp_path: Path) -> None:
    store, (_senate_id, docks_id) = _store_with(tmp_path, senate(), docks())
    store.add_correction(Rename(BIDEN, "Joseph Biden"))  # and the window closed before indexing
    assert store.has_stale_index() and store.ids('speaker:"Joseph Biden"') == []
    controller = CorrectionsController(lambda: str(store.path))
    try:
        with qtbot.wait_signal(controller.reindexed, timeout=10_000):  # type: ignore[attr-defined]
            listed = controller.listing()  # the first use opens the store
        assert [(c.correction, c.active) for c in listed] == [(Rename(BIDEN, "Joseph Biden"), True)]
        corrected = store.analysis(docks_id)  # the window shows analyses as the store hands them out
        assert corrected is not None and corrected.entities[0].name == "Joseph Biden"
        assert not store.has_stale_index()
        assert store.ids('speaker:"Joseph Biden"') == [docks_id]
    finally:
        controller.close()
        store.close()


def test_corrections_are_written_in_order_and_said(qtbot: object, tmp_path: Path) -> None:
    store, (_senate_id, docks_id) = _store_with(tmp_path, senate(), docks())
    controller = CorrectionsController(lambda: str(store.path))
    said: list[str] = []
    controller.changed.connect(said.append)
    try:
        with qtbot.wait_signal(controller.reindexed, timeout=10_000):  # type: ignore[attr-defined]
            controller.add(Rename(BIDEN, "Joseph Biden"))
            controller.add(NotEntity(BIDEN))  # "Biden" is no longer there: changes nothing
            controller.undo()
            controller.undo()
            controller.redo()
        assert said == [
            "Rename “Biden” (person) to “Joseph Biden” (Ctrl+Z undoes it)",
            "“Biden” (person) is not an entity (Ctrl+Z undoes it)",
            "Undone: “Biden” (person) is not an entity",
            "Undone: Rename “Biden” (person) to “Joseph Biden”",
            "Redone: Rename “Biden” (person) to “Joseph Biden”",
        ]
        assert [c.active for c in controller.listing()] == [True, False]
        assert store.ids('entity:"Joseph Biden"') == [docks_id]
    finally:
        controller.close()
        store.close()
