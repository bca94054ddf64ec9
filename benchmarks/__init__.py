"""Benchmarks that print numbers: ``python -m viewer bench NAME``, from a checkout.

Not part of the installed package (the wheel holds ``viewer`` only) and not run by the tests
(``tests/benchmarks`` tests that they work, on small inputs). What they share is in
:mod:`benchmarks.common`; nothing in ``viewer`` imports them.
"""
