"""Benchmarks: `python -m benchmarks [--size small|full] [--only ack,digest,import] [--database both|sqlite|postgres]`.

Each benchmark measures the product beside a baseline measured in the same run
(a bare Bolt app, a plain aggregate scan, a bare bulk insert) and prints their
ratio against the target of issue 6. See the README's "Benchmarks" section.
"""
