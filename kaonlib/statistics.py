"""Binned Poisson statistics for projections with Asimov data.

KMRT (arXiv:1902.07715) Eq. (11) with footnote 3: Lambda(S) = sum_i -2 ln L_i(S)/L_i(S_hat = 0),
L_i(S) = Poisson(D_i | S_i + B_i), and Asimov data D_i = B_i (so S_hat = 0):

    Lambda = 2 sum_i [S_i - B_i ln(1 + S_i/B_i)]                     (exclusion, the paper's choice)

The discovery variant (D_i = S_i + B_i, testing S = 0) is 2 sum_i [(S_i + B_i) ln(1 + S_i/B_i) - S_i].
Both tend to sum S_i^2/B_i for S << B, so Lambda = 4 (2 sigma) gives S = 2 sqrt(B) in one bin.
Cut and count (KMRT App. C1): S / sqrt(B + kappa^2 B^2) = 2, kappa = sigma_sys/B.
"""

import math

import numpy as np
from scipy import optimize

from . import validate

TWO_SIGMA = 4.0  # Lambda for 2 sigma (KMRT Sec. IV A)
LOG_LIMIT = 700.0  # |ln t| of a signal scale: e^700 ~ 1e304, the edge of double precision
ASIMOV_DATA = ("background", "signal+background")


def log_likelihood_ratio(signal, background, data="background"):
    """Lambda of Eq. (11) for Asimov data; bins with B = 0 contribute 2 S (exclusion) or infinity.

    Each bin is B f(S/B) with f(x) = x - ln(1 + x) (exclusion) or (1 + x) ln(1 + x) - x (discovery), evaluated
    without cancellation: by its series for x < 1e-3 (S << B, where both tend to x^2/2) and with ln(1 + x) =
    ln S - ln B where S/B overflows."""
    s, b = np.asarray(signal, float), np.asarray(background, float)
    validate.choice(data, "Asimov data", ASIMOV_DATA)
    if not (np.all(s >= 0) and np.all(b >= 0) and np.all(np.isfinite(s)) and np.all(np.isfinite(b))):
        raise validate.InputError("signal and background must be finite non-negative numbers (no NaN)")
    positive = b > 0
    safe_b = np.where(positive, b, 1.0)
    with np.errstate(over="ignore", divide="ignore"):
        x = s / safe_b
        log_term = np.where(np.isfinite(x), np.log1p(x), np.log(s) - np.log(safe_b))
    small = x < 1e-3
    if data == "background":
        series = s * x * (0.5 - x * (1 / 3 - x / 4))  # B (x - ln(1 + x)), written as S x (...): no underflow
        direct = np.where(np.isfinite(x), b * (x - log_term), s - b * log_term)
        terms = np.where(positive, np.where(small, series, direct), s)
    else:
        series = s * x * (0.5 - x * (1 / 6 - x / 12))  # B ((1 + x) ln(1 + x) - x)
        direct = (s + b) * log_term - s
        terms = np.where(positive, np.where(small, series, direct), np.where(s > 0, np.inf, 0.0))
    total = 2.0 * float(np.sum(terms))
    if data == "background" and not math.isfinite(total):
        raise validate.InputError("Lambda overflows: signals of ~1e308 events are beyond double precision")
    return total


def signal_scale_at(per_unit_signal, background, target=TWO_SIGMA, data="background"):
    """t such that Lambda(t * per_unit_signal, background) = target (Lambda grows monotonically in t).

    The signal shape is normalised first (t s = t' s' with s' = s/s_max, t = t'/s_max), so subnormal or huge
    inputs neither hang nor overflow; the bracket search is bounded. Infinite when there is no signal;
    InputError when the answer is not representable."""
    s = validate.array(per_unit_signal, "signal per unit coupling^2", 0.0)
    b = validate.array(background, "background", 0.0)
    validate.number(target, "target", 0.0, 1e6, low_open=True)
    largest = float(s.max(initial=0.0))
    if largest == 0:
        return math.inf
    s = s / largest
    with np.errstate(over="ignore"):
        gaussian = float(np.sum(np.where(b > 0, s**2 / np.where(b > 0, b, 1.0), 0.0)))
    guess = math.sqrt(target) / math.sqrt(gaussian) if 0 < gaussian < math.inf else target / (2.0 * s.sum())

    def excess(log_t):
        return log_likelihood_ratio(math.exp(log_t) * s, b, data) - target

    lo, hi = math.log(guess) - 1.0, math.log(guess) + 1.0
    while excess(lo) > 0 and lo > -LOG_LIMIT:  # each step widens the bracket by e^2, up to e^-+700
        lo -= 2.0
    while excess(hi) < 0 and hi < LOG_LIMIT:
        hi += 2.0
    if not (excess(lo) <= 0 <= excess(hi)):
        raise validate.InputError("the signal needed is not a representable number for these inputs "
                                  f"(largest signal per unit coupling^2: {largest!r} events)")
    scale = math.exp(optimize.brentq(excess, lo, hi, xtol=1e-12, rtol=1e-12)) / largest
    if not (math.isfinite(scale) and scale > 0):
        raise validate.InputError("the signal needed is not a representable number: signal per unit coupling "
                                  f"{largest!r} events is too small (or too large) for these inputs")
    return scale


def cut_and_count_signal(background, kappa, n_sigma=2.0):
    """S with S / sqrt(B + kappa^2 B^2) = n_sigma."""
    validate.number(kappa, "kappa", 0.0, 10.0)
    validate.number(background, "background", 0.0)
    needed = n_sigma * math.sqrt(background) * math.sqrt(1.0 + kappa * kappa * background)  # no B^2 formed
    if not math.isfinite(needed):
        raise validate.InputError(f"S = 2 sqrt(B + kappa^2 B^2) is not representable for B = {background!r}, "
                                  f"kappa = {kappa!r}")
    return needed


def kappa_min(background):
    """The systematic uncertainty below which statistics dominate, 1/sqrt(B) (KMRT Eq. C.2)."""
    validate.number(background, "background", 0.0, low_open=True)
    return 1.0 / math.sqrt(background)
