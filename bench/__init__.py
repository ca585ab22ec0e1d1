"""Benchmarks: `make bench` (python -m bench). Ratios against a bare Textual app, same run."""
