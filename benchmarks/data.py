"""Benchmark data, generated deterministically and written in bulk (not through the app).

A provider's client directory, red flags skewed towards a few clients (as the Pareto
facts in the domain brief say), and invoices mostly paid, some late, some open.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from benchmarks.bulk import insert_values
from bot.domain.matching import normalize
from bot.domain.taxonomy import DEFAULT_CATEGORIES
from bot.sandbox.fake_slack import TEAM_ID
from storage.models import Category, Client, Invoice, Report

SEED = 20261123
PREFIXES = ("Acme", "Nordic", "Blue Harbor", "Delta", "Orion", "Vega", "Alpine", "Costa", "Lumen", "Terra",
            "Aurora", "Castello", "Polder", "Rivage", "Granite", "Falco", "Zenit", "Molen", "Sable", "Quercia")
TRADES = ("Logistics", "Dental", "Studio", "Legal", "Foods", "Motors", "Design", "Clinic", "Builders", "Media")
CITIES = ("Milano", "Rotterdam", "Lyon", "Torino", "Utrecht", "Nantes", "Bologna", "Gent", "Lille", "Verona")
SUFFIXES = ("S.r.l.", "B.V.", "SARL", "S.p.A.", "GmbH", "Ltd")
STORIES = ("Called the on-call line at 21:00 on a Saturday about a printer.",
           "Refused the security update again and reinstalled the old VPN client.",
           "Disputed every line of last month's invoice.",
           "Shouted at our technician in front of their staff.",
           "Fifteen mails in one day, then silence for two weeks.",
           "Wants the new website for half the quoted price, by Friday.",
           "Ignored our advice and now blames us for the outage.")
SEVERITIES = (("note", 60), ("concern", 30), ("dealbreaker", 10))
CSV_HEADER = ("client", "invoice_number", "issue_date", "due_date", "amount", "currency", "paid_date",
              "amount_paid", "disputed")


@dataclass(frozen=True)
class InvoiceFacts:
    client: int  # index into the client list
    number: str
    amount: Decimal
    currency: str
    issued_on: date
    due_on: date
    paid_on: date | None
    disputed: bool


def client_name(i: int) -> str:
    trade, rest = TRADES[i % len(TRADES)], i // len(TRADES)
    city, rest = CITIES[rest % len(CITIES)], rest // len(CITIES)
    name = f"{PREFIXES[rest % len(PREFIXES)]} {trade} {city}"
    if rest >= len(PREFIXES):
        name += f" {rest // len(PREFIXES) + 1}"
    return f"{name} {SUFFIXES[i % len(SUFFIXES)]}"


def add_clients(engine: Engine, count: int, *, team_id: str = TEAM_ID) -> list[str]:
    """`count` clients with ids 1…count (90% with a monthly revenue); returns their names by id − 1."""
    rng, now = random.Random(SEED), datetime.now(timezone.utc)
    names = [client_name(i) for i in range(count)]
    rows = ({"id": i + 1, "team_id": team_id, "name": name, "normalized_name": normalize(name),
             "mrr": Decimal(rng.randrange(20_000, 2_000_000)) / 100 if rng.random() < 0.9 else None,
             "currency": "EUR", "external_id": None, "account_owner": None, "created_at": now, "updated_at": now}
            for i, name in enumerate(names))
    insert_values(engine, Client.__table__, rows)
    insert_values(engine, Category.__table__, ({"team_id": team_id, "key": key, "label": label, "position": i,
                                                  "active": True} for i, (key, label) in enumerate(DEFAULT_CATEGORIES)))
    return names


def add_red_flags(engine: Engine, count: int, clients: int, *, team_id: str = TEAM_ID) -> int:
    """`count` reports over the last two years; client k gets a share proportional to 1/k."""
    rng, now = random.Random(SEED + 1), datetime.now(timezone.utc)
    picks = rng.choices(range(1, clients + 1), weights=[1 / k for k in range(1, clients + 1)], k=count)
    severities = rng.choices([s for s, _ in SEVERITIES], weights=[w for _, w in SEVERITIES], k=count)
    keys = [key for key, _ in DEFAULT_CATEGORIES]

    def rows() -> Iterator[dict]:
        for client_id, severity in zip(picks, severities):
            created = now - timedelta(seconds=rng.randrange(730 * 86_400))
            anonymous = rng.random() < 0.3
            yield {"team_id": team_id, "client_id": client_id, "severity": severity,
                   "categories": rng.sample(keys, rng.choice((1, 1, 2))), "description": rng.choice(STORIES),
                   "occurred_on": (created - timedelta(days=rng.randrange(10))).date(), "anonymous": anonymous,
                   "reporter_user_id": None if anonymous else f"U0STAFF{rng.randrange(40):02d}",
                   "submission_key": None, "created_at": created}
    return insert_values(engine, Report.__table__, rows())


def invoice_facts(count: int, clients: int, *, today: date, seed: int = SEED + 2) -> Iterator[InvoiceFacts]:
    """`count` invoices over three years: 9 in 10 paid (a few days early to two months late)."""
    rng = random.Random(seed)
    for n in range(count):
        issued = today - timedelta(days=rng.randrange(1095))
        due = issued + timedelta(days=30)
        paid = None
        if (today - issued).days > 45 or rng.random() < 0.5:
            paid = min(today, max(issued, due + timedelta(days=int(rng.gauss(4, 15)))))
        if rng.random() < 0.08:
            paid = None
        yield InvoiceFacts(rng.randrange(clients), f"INV-{n + 1:07d}", Decimal(rng.randrange(5_000, 1_000_000)) / 100,
                           "EUR", issued, due, paid, rng.random() < 0.02)


def add_invoices(engine: Engine, count: int, clients: int, *, today: date, team_id: str = TEAM_ID) -> int:
    """The invoices as an import of the generic format would have stored them."""
    now = datetime.now(timezone.utc)
    rows = ({"team_id": team_id, "client_id": f.client + 1, "number": f.number, "currency": f.currency,
             "amount": f.amount, "paid_amount": f.amount if f.paid_on else Decimal(0), "issued_on": f.issued_on,
             "due_on": f.due_on, "paid_on": f.paid_on, "paid_after": None, "paid_approximate": False,
             "last_payment_on": f.paid_on, "open_seen_on": None if f.paid_on else today, "disputed": f.disputed,
             "voided": False, "source": "generic", "created_at": now, "updated_at": now}
            for f in invoice_facts(count, clients, today=today))
    return insert_values(engine, Invoice.__table__, rows)


def write_invoice_csv(path: Path, count: int, names: list[str], *, today: date) -> Path:
    """A generic-format export of `count` invoices of these clients."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADER)
        for f in invoice_facts(count, len(names), today=today):
            writer.writerow((names[f.client], f.number, f.issued_on.isoformat(), f.due_on.isoformat(), f"{f.amount}",
                             f.currency, f.paid_on.isoformat() if f.paid_on else "", "", "yes" if f.disputed else ""))
    return path
