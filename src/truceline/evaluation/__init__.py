"""Scoring truceline against gold: extraction per article, reconciliation across reports.

A regular package (not a namespace one) so the package walk that finds every module,
as tests/test_errors.py does, reaches its errors too.
"""
