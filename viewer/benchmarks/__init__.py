"""Benchmarks that print numbers: ``python -m viewer bench NAME``. Not run by the tests."""
