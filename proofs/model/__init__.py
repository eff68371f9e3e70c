"""The population model of the paper, derived with SymPy (single source of truth).

Public API (numpy float64, vectorized over a batch of w of shape (B, d); or lists / object arrays
of mpmath numbers, computed in mpmath at the current ``mp.dps``):

* :func:`population_loss` (``convention="eq6"`` or ``"eq3"``)
* :func:`loss_gradient`
* :func:`expected_coarse_gradient`
* :func:`derivation`: the derivation steps, SymPy objects with captions
* :func:`angle`: theta(a, b), accurate near 0 and pi
"""

from .derivation import CONVENTIONS, Step, derivation, model
from .geometry import angle, norm, unit
from .numeric import READINGS, expected_coarse_gradient, loss_gradient, population_loss
from .validation import UndefinedGradientError

__all__ = [
    "CONVENTIONS",
    "READINGS",
    "Step",
    "UndefinedGradientError",
    "angle",
    "derivation",
    "expected_coarse_gradient",
    "loss_gradient",
    "model",
    "norm",
    "population_loss",
    "unit",
]
