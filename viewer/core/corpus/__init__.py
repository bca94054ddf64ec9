"""The corpus: every article of an opened folder, in a store that outlives the session.

- :mod:`~viewer.core.corpus.store`: the SQLite store (files, articles, analysis, full-text
  indexes) and how it is opened whatever state it is found in;
- :mod:`~viewer.core.corpus.search`: the search box's syntax, as SQL;
- :mod:`~viewer.core.corpus.sync`: bringing a store up to date with the folder (only what
  changed is read again), streaming as it goes;
- :mod:`~viewer.core.corpus.analysis`: quotes and entities for every article, persisted.

Pure Python: the window and the headless commands use it alike.
"""
