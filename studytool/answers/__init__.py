"""Typed answers checked by meaning (pure core: no UI, no sympy/numpy at import time).

Entry point: :func:`studytool.answers.check.check_answer`. The expression language lives in
:mod:`studytool.answers.expr`; sympy is used lazily by :mod:`studytool.answers.symbolic` only.
"""
