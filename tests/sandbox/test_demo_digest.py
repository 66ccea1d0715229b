"""`redflag demo` ends with the digest as owners read it, writes the chart PNG, and says where."""

from __future__ import annotations

import io
import re
from pathlib import Path

from bot.sandbox.demo import STEPS, run_demo
from bot.sandbox.demo_digest import show_digest


def test_the_digest_step_runs_last_and_writes_the_chart(tmp_path):
    assert STEPS[-1] is show_digest
    out = io.StringIO()
    run_demo(tmp_path / "demo", out)
    text = out.getvalue().split("The owners' weekly digest: the clock sends it at")[1]
    assert "Two ticks of the digest job → 1 message in the owners' channel" in text and ": sent, 1 attempt)" in text
    digest = text.split("Weekly digest · ")[1]
    assert "Watch list · the riskiest clients and why\n1. Acme Logistics S.r.l. · score" in digest
    assert "New red flags · 3 reports about 3 clients" in digest and "Payment alerts this week" in digest
    assert "Pareto: 3 clients bring" in digest and "All quiet" not in digest
    chart = Path(re.search(r"Chart written to (\S+\.png)", text).group(1))  # type: ignore[union-attr]
    assert chart.parent == tmp_path / "demo" and chart.read_bytes().startswith(b"\x89PNG")
    assert "Suggested next step: Plan an exit" in text and "Dear Acme Logistics S.r.l.," in text
    assert "/client Acme → “Client dossiers are for owners only." in text
