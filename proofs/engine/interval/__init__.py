"""Rigorous interval certificates by branch and bound on Arb balls (python-flint).

Paper-agnostic engine code. A claim whose conclusion is a scalar inequality ``slack >= 0`` on a
box of a few variables can be *proved* here: the box is covered by sub-boxes on each of which a
rigorous enclosure of the slack has a certified lower bound ``>= 0`` (``> 0`` if strict), or the
search stops at a *certified counterexample* (a point where an Arb enclosure of the slack is
certainly negative).

Modules (one concern each):

* :mod:`.arithmetic` -- intervals as pairs of Arb balls (exact endpoints stay exact; functions on
  their monotone pieces; NaN outside a function's domain, never a pass);
* :mod:`.compiler` -- SymPy expressions (elementary functions, ``erf``/``erfc``, the normal
  cdf, ``Piecewise``, one-dimensional ``Integral``) compiled to interval programs;
* :mod:`.boxes` -- exact endpoints, splitting, unbounded sides mapped by ``x = c/u``;
* :mod:`.enclosure` -- the slack's model with derivative enclosures (SymPy gradients; Arb power
  series for a user Arb function), monotone reduction and mean-value forms;
* :mod:`.arguments` -- equality-case arguments (:class:`MonotoneFace`, :class:`SecondOrderPoint`);
* :mod:`.branch_bound` -- the certifier (fair scheduling, partial certificates) and
  :func:`interval_proof`, whose result records the box it covers.

When monotonicity reduces a box to one vertex and the enclosure there still straddles 0 (a
sharp claim at a corner such as ``x - 1/3`` on ``[1/3, 1/2]``), the vertex is re-evaluated at 4x
and 16x the precision, then exactly by SymPy; such boxes are recorded as closed by
``"exact vertex value"``.

Limitations: a zero of the slack where a derivative is infinite (e.g. ``acos`` at 1, ``sqrt`` at
0) can only be closed by an exact vertex value; a zero set that is a curve inside the domain (not
a face, not an isolated point) cannot be closed; non-smooth expressions (``Abs``, ``Min``,
``Max``, ``sign``, ``Piecewise``) get natural enclosures only, and no equality-case arguments;
integrals need finite limits. SymPy ``Float`` constants are used at the binary value SymPy holds:
write ``Rational`` instead. Cost grows quickly with the dimension (1-3 variables is the intended
range).

Usage (claim author)::

    import sympy as sp
    from proofs.engine.interval import SecondOrderPoint, interval_proof

    th = sp.Symbol("theta", real=True)
    prove = lambda: interval_proof(
        1 - sp.sin(th), {th: (0, "pi")},
        zero_set_arguments=[SecondOrderPoint({th: sp.pi / 2})],
    )
"""

from .arguments import MonotoneFace, SecondOrderPoint
from .branch_bound import Certificate, certify_nonnegative, interval_proof
from .compiler import UnsupportedExpressionError, normal_cdf, normal_pdf, sympy_to_arb

__all__ = [
    "Certificate",
    "MonotoneFace",
    "SecondOrderPoint",
    "UnsupportedExpressionError",
    "certify_nonnegative",
    "interval_proof",
    "normal_cdf",
    "normal_pdf",
    "sympy_to_arb",
]
