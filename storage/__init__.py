"""Everything that touches SQL lives in this package.

`db` builds engines and session factories; `models/` holds the SQLAlchemy
2.x mapped classes; one module per aggregate (`clients`, `reports`, …) holds
its query functions, which take the session first and keyword-only filters,
flush but never commit (the flow that calls them commits).
"""
