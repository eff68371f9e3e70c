"""Register the engine's Hypothesis profiles before ``--hypothesis-profile`` is processed."""

import proofs.engine.profiles  # noqa: F401
