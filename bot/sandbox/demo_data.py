"""The demo's small provider: a 7-person MSP near Milan with Dutch and French clients too.

What staff wrote is marked for translation, so a demo in Italian (`redflag demo --lang it`) reads as
an Italian team would have written it; a /redflag text starts with the client's name in every language.
"""

from __future__ import annotations

from bot.i18n import N_

OWNER = ("U0GIULIA", "Giulia Rossi")
STAFF = (
    ("U0MARCO", "Marco Bianchi"),
    ("U0SANNE", "Sanne de Vries"),
    ("U0CAMILLE", "Camille Laurent"),
    ("U0LUCA", "Luca Ferrari"),
    ("U0DAAN", "Daan Janssen"),
    ("U0ELODIE", "Élodie Martin"),
)
OWNERS_CHANNEL = "C0OWNERS"
STAFF_CHANNEL = "C0STAFF"

CLIENTS_CSV = """name,aliases,mrr,currency,external_id,account_owner
Acme Logistics S.r.l.,Acme;ACME Log,"4.200,00",EUR,CRM-001,Giulia Rossi
Bianchi Costruzioni S.p.A.,Bianchi Costruzioni,"2.950,00",EUR,CRM-002,Marco Bianchi
Studio Legale Conti,Conti Law|Studio Conti,1.100,EUR,CRM-003,Giulia Rossi
Van Dijk Transport B.V.,Van Dijk,"3.600,00",EUR,CRM-004,Sanne de Vries
Bakkerij Mulder,Mulder,450,EUR,CRM-005,Daan Janssen
Boulangerie Lefèvre SARL,Lefèvre,380,EUR,CRM-006,Camille Laurent
Clinica Dentale Sorriso,Sorriso,"1.850,00",EUR,CRM-007,Luca Ferrari
Hotel Bellavista,Bellavista,"2.400,00",EUR,CRM-008,Giulia Rossi
Garage Moreau & Fils,Moreau,620,EUR,CRM-009,Camille Laurent
De Groot Architecten,De Groot,"1.300,00",EUR,CRM-010,Sanne de Vries
Ferramenta Esposito,Esposito,290,EUR,CRM-011,Luca Ferrari
Cabinet Dubois Expertise,Dubois,"1.750,00",EUR,CRM-012,Élodie Martin
Pizzeria Da Gino,Da Gino,180,EUR,CRM-013,Marco Bianchi
Stichting Zonnebloem Zorg,Zonnebloem,"2.100,00",EUR,CRM-014,Daan Janssen
Tipografia Galli,Galli,340,EUR,CRM-015,Luca Ferrari
Maison Girard Immobilier,Girard,"5.900,00",EUR,CRM-016,Élodie Martin
"""

# (days ago, client name, categories, severity, reporter index or None for anonymous, what happened)
HISTORY = (
    (118, "Acme Logistics", ["communication"], "note", 0, N_("Fifteen mails in one morning about the same printer, then silence for two weeks.")),
    (104, "Acme Logistics", ["scope_creep"], "concern", 1, N_("Asked us to set up their warehouse Wi-Fi 'while you are there', outside the contract.")),
    (96, "Bianchi Costruzioni", ["payment"], "concern", None, N_("Disputed every line of the September invoice again.")),
    (90, "Maison Girard Immobilier", ["security"], "concern", 2, N_("Reinstalled the remote-access tool we removed after the audit.")),
    (75, "Acme Logistics", ["abusive"], "concern", None, N_("The operations manager shouted at Sanne on a Saturday call about a non-urgent issue.")),
    (61, "Studio Legale Conti", ["ignores_advice"], "note", 3, N_("Refused MFA again; 'too complicated for the partners'.")),
    (55, "Maison Girard Immobilier", ["security", "ignores_advice"], "concern", 5, N_("Still running the unsupported Windows server we flagged in March.")),
    (40, "Bianchi Costruzioni", ["payment", "communication"], "concern", 4, N_("Third reminder for the Q3 invoice unanswered; then demanded same-day support.")),
    (33, "Hotel Bellavista", ["communication"], "note", 0, N_("Cancelled the quarterly review for the second time, the day before.")),
    (21, "Acme Logistics", ["abusive", "scope_creep"], "concern", None, N_("Told Daan he was 'their assistant' and should pick up their personal laptops.")),
    (12, "Van Dijk Transport", ["other"], "note", 1, N_("New IT contact; asks a lot of questions but is friendly. Difficult is not bad.")),
    (6, "Maison Girard Immobilier", ["security"], "concern", None, N_("Shared the admin password with a temp by WhatsApp.")),
)

# Reports filed live through the modal during the demo: (reporter index, command text, client typed in
# the picker or None to keep the pre-filled one, categories, severity, anonymous).
LIVE_REPORTS = (
    (0, N_("Acme yelled at Marco on the phone again at 21:00 on a Saturday, for a password reset. <!channel> see "
           "this"), None, ["abusive"], "dealbreaker", False),
    (2, "", "girard", ["security"], "concern", True),
    (5, N_("Pizzeria Da Gino asked for the third time this month to fix their personal phone"), None,
     ["scope_creep"], "note", False),
)
# What is typed into the description when the client is picked rather than typed after /redflag.
TYPED_DESCRIPTION = N_("Left the server room unlocked and the admin laptop unattended again.")
