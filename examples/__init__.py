"""Worked examples of claims stated with the public engine API (see docs/)."""
