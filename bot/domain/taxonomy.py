"""The default red-flag categories, drawn from the domain brief.

This is only the seed: categories live in the database per team, and owners
change labels or add categories with `redflag categories …`. A default label
is shown in each reader's language; a label an owner wrote is shown as written.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.i18n import N_, Msg

_DEFAULTS: tuple[tuple[str, Msg], ...] = (
    ("abusive", N_("Abusive or unprofessional treatment")),
    ("ignores_advice", N_("Disrespects expertise / ignores advice")),
    ("security", N_("Security risk")),
    ("scope_creep", N_("Unreasonable demands / scope creep")),
    ("payment", N_("Payment problems / disputed invoices")),
    ("communication", N_("Erratic or unresponsive communication")),
    ("other", N_("Other")),
)
# (key, English label) as stored when a team's categories are seeded.
DEFAULT_CATEGORIES: tuple[tuple[str, str], ...] = tuple((key, label.singular) for key, label in _DEFAULTS)
_DEFAULT_LABELS: Mapping[str, Msg] = dict(_DEFAULTS)


def shown_label(key: str, label: str) -> Msg | str:
    """A category's label to show: the default one translatable, an owner's own as written."""
    default = _DEFAULT_LABELS.get(key)
    return default if default is not None and default.singular == label else label
