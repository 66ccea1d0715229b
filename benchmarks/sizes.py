"""How big each benchmark runs: `full` is issue 6's size, `small` a CI smoke test."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    name: str
    requests: int  # signed /redflag requests per server
    concurrency: int  # HTTP clients sending them at once
    warmup: int  # requests per server before measuring (not counted)
    clients: int  # clients in the directory (digest and import)
    red_flags: int
    invoices: int  # invoices stored for the digest
    import_rows: int  # rows of the imported CSV; memory is also measured at a quarter of it


SIZES = {
    "full": Size("full", requests=2000, concurrency=16, warmup=200, clients=2000, red_flags=200_000,
                 invoices=1_000_000, import_rows=1_000_000),
    "small": Size("small", requests=200, concurrency=8, warmup=40, clients=200, red_flags=5000,
                  invoices=20_000, import_rows=20_000),
}
