"""Benchmarks of the platform (see bench/README.md). Not part of the platform's code."""
