"""Mapped classes. Import every model module here so `Base.metadata` is complete."""

from storage.models.base import Base
from storage.models.clients import Category, Client, ClientAlias
from storage.models.reports import Report
from storage.models.polls import Poll, PollBallot, PollPick, PollVoter  # noqa: F401
from storage.models.digests import DigestRun  # noqa: F401
from storage.models.invoices import Invoice, PaymentAlert  # noqa: F401
from storage.models.slack import ProcessedEvent
from storage.models.workspaces import WorkspaceSettings  # noqa: F401

__all__ = ["Base", "Category", "Client", "ClientAlias", "Report", "ProcessedEvent"]
