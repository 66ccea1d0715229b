"""Use cases: load from storage, call the domain rules, persist, return plain data for the views."""
