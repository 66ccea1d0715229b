"""The default red-flag categories, drawn from the domain brief.

This is only the seed: categories live in the database per team, and owners
change labels or add categories with `redflag categories …`.
"""

from __future__ import annotations

DEFAULT_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("abusive", "Abusive or unprofessional treatment"),
    ("ignores_advice", "Disrespects expertise / ignores advice"),
    ("security", "Security risk"),
    ("scope_creep", "Unreasonable demands / scope creep"),
    ("payment", "Payment problems / disputed invoices"),
    ("communication", "Erratic or unresponsive communication"),
    ("other", "Other"),
)
