"""The dossier modal and App Home stay within Block Kit's limits however much there is to show."""

from __future__ import annotations

from datetime import date, timedelta

from decimal import Decimal

from bot.domain.next_step import NextStep, Step
from bot.domain.risk import Part, PollSignal, Quadrant, Reason, RiskScore
from bot.domain.severity import Severity
from bot.i18n import Money, N_, translator
from bot.views.digest import AlertLine, ReportLine, WatchEntry
from bot.views.dossier import Dossier, dossier_modal
from bot.views.home import OpenPoll, OwnerHome, StaffHome, owner_home, staff_home
from tests.views.block_limits import limit_problems

LONG = "<!everyone> " + "a very long story about the client " * 100
REPORTS = tuple(ReportLine(i, 1, "Acme " * 15, Severity.CONCERN, ("Abusive or unprofessional treatment",) * 3, LONG,
                           date(2026, 11, 1) - timedelta(days=i), "U0STAFF") for i in range(400))


def test_a_dossier_with_hundreds_of_reports_fits_and_says_how_many_older():
    score = RiskScore(1, "Acme", 99, tuple(Reason(Part.BEHAVIOUR, 1.0, f"reason {i} " + "x" * 200) for i in range(40)))
    dossier = Dossier("Acme " * 40, Money(Decimal(4200), "EUR"), score, Quadrant.BOTH, None,
                      NextStep(Step.PLAN_EXIT, tuple("because " * 40 for _ in range(30))),
                      tuple("do this " * 50 for _ in range(20)), N_("Dear {name},\n", name=LONG * 3), REPORTS,
                      None, tuple(PollSignal(str(y), 1, 3, 4) for y in range(2000, 2030)), show_reporters=True)
    for language in ("en", "it", "nl", "fr", "de"):
        blocks = dossier_modal(dossier, translator(language)).to_dict()["blocks"]
        assert limit_problems(blocks, max_blocks=100) == []
        text = str(blocks)
        assert "<!everyone>" not in text and "&lt;!everyone&gt;" in text
    assert "older reports_" in str(dossier_modal(dossier, translator("en")).to_dict()["blocks"])


def test_app_home_with_a_long_watch_list_fits():
    watch = tuple(WatchEntry(i, f"Client {i} <b>", 90 - i % 50, None, ("r1", "r2", "r3"), Quadrant.BEHAVIOUR)
                  for i in range(300))
    alerts = tuple(AlertLine("Acme <x>", "Invoice 1: €4,200 open " * 10) for _ in range(200))
    for language in ("en", "it", "nl", "fr", "de"):
        home = owner_home(OwnerHome(watch, REPORTS[:5], alerts, REPORTS, OpenPoll(7, "2026", timedelta(days=3)), 15, False),
                          translator(language))
        blocks = home.to_dict()["blocks"]
        assert limit_problems(blocks, max_blocks=100) == []
        assert "285" in str(blocks) and "Client 1 &lt;b&gt;" in str(blocks)
        staff = staff_home(StaffHome(REPORTS, None), translator(language)).to_dict()["blocks"]
        assert limit_problems(staff, max_blocks=100) == []
    assert "…and 285 more" in str(owner_home(OwnerHome(watch, (), alerts, (), None, 15, False), translator("en")).to_dict())
    assert "older reports_" in str(staff_home(StaffHome(REPORTS, None), translator("en")).to_dict())
