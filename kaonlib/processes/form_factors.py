"""Structure-dependent form factors of K+ -> l+ nu gamma(*) (F_V, F_A and the charge-radius R) for the four-lepton
decays (kaonlib.processes.k3munu): the named sets with their sources, in the PDG normalisation of
amplitudes/kmunugamma.py. README "K+ -> l+ nu l'+ l'-" says what was read (BEG, NA62's kch2lnull.F) and what
derived; tests/kaonlib/test_four_lepton_na62.py checks the mapping against NA62's generator point by point."""

import math
from dataclasses import dataclass

from kaonlib import validate
from kaonlib.inputs import F_K, M_K, M_PI


@dataclass(frozen=True)
class FormFactors:
    """Dimensionless structure-dependent form factors in the PDG normalisation (amplitudes/kmunugamma.py)."""

    F_V: float
    F_A: float
    R: float
    source: str


F_PI = 0.0922  # GeV, F_pi = f_pi/sqrt(2) with f_pi = 130.4 MeV (PDG)
L9 = 6.9e-3  # L9^r(m_rho) (Gasser and Leutwyler, Nucl. Phys. B250 (1985) 465; BEG and NA62's kch2lnull.F use it)
L9_PLUS_L10 = 1.4e-3  # L9 + L10 = 6.9e-3 - 5.5e-3 (same source)
M_RHO = 0.770  # GeV, the scale mu of L9^r (BEG; kch2lnull.F)
HBARC = 0.1973269804  # GeV fm (CODATA 2018)
K_CHARGE_RADIUS = 0.560  # fm, <r^2>^(1/2) of the K+, +-0.031 (PDG; Amendolia et al., PLB 178 (1986) 435)


def charge_radius_form_factor(radius_squared):
    """R = sqrt2 F_K m_K <r_K^2>/3 = f_K m_K <r_K^2>/3 (radius squared in GeV^-2): BEG's A2 = -2 F_K (F_K(t) - 1)/t
    (in units of m_K) at t -> 0, where F_K(t) = 1 + <r^2> t/6 is the K+ electromagnetic form factor, mapped to our
    normalisation by R/F_A = A2/A1 (both multiply the same g^{ab} structure; README)."""
    return F_K * M_K * radius_squared / 3


def chiral_radius_squared():
    """<r_K+^2> at O(p^4) (GeV^-2): 12 L9/F^2 - [ln(m_pi^2/mu^2) + 2 ln(m_K^2/mu^2) + 3]/(32 pi^2 F^2), mu = m_rho
    (Gasser and Leutwyler, Nucl. Phys. B250 (1985) 517; the t -> 0 slope of the form factor in kch2lnull.F)."""
    logs = math.log(M_PI**2 / M_RHO**2) + 2 * math.log(M_K**2 / M_RHO**2) + 3
    return 12 * L9 / F_PI**2 - logs / (32 * math.pi**2 * F_PI**2)


CHIRAL_F_V = M_K / (4 * math.sqrt(2) * math.pi**2 * F_PI)  # the anomaly (BEG: V1 = -m_K/(8 pi^2 F), F_V = -sqrt2 V1)
CHIRAL_F_A = 4 * math.sqrt(2) * M_K * L9_PLUS_L10 / F_PI  # BEG: A1 = -4 (L9 + L10) m_K/F, F_A = -sqrt2 A1
FORM_FACTOR_SETS = {
    # Bijnens, Ecker, Gasser 1993 (and NA62's kch2lnull.F): F_V, F_A and R(0) at O(p^4), one L9 for F_A and R
    "chpt": FormFactors(F_V=CHIRAL_F_V, F_A=CHIRAL_F_A, R=charge_radius_form_factor(chiral_radius_squared()),
                        source="O(p^4) ChPT (BEG): F_V = m_K/(4 sqrt2 pi^2 F_pi), F_A = 4 sqrt2 m_K (L9+L10)/F_pi, "
                               "R = f_K m_K <r_K^2>/3 with the O(p^4) <r_K^2> = 12 L9/F_pi^2 + loops"),
    # the same F_V, F_A with R(0) from the measured K+ charge radius instead
    "chpt-radius": FormFactors(F_V=CHIRAL_F_V, F_A=CHIRAL_F_A,
                               R=charge_radius_form_factor((K_CHARGE_RADIUS / HBARC) ** 2),
                               source="O(p^4) ChPT F_V, F_A; R = f_K m_K <r_K^2>/3 with <r_K^2>^(1/2) = 0.560 fm "
                                      "(PDG)"),
    # K -> mu nu gamma measurements (PDG): F_A + F_V = 0.165(13) (E787, PRL 85 (2000) 2256; its sign is not
    # measured, taken positive), F_A - F_V = -0.153(33) (PDG average of ISTRA+ 2011 and OKA 2019);
    # R = 0.227 from E865's K+ -> e+ nu e+ e- fit (Poblaguev et al., PRL 89 (2002) 061803; as recalled)
    "measured": FormFactors(F_V=(0.165 + 0.153) / 2, F_A=(0.165 - 0.153) / 2, R=0.227,
                            source="PDG K -> mu nu gamma: F_A + F_V = 0.165, F_A - F_V = -0.153; R = 0.227 (E865)"),
    "ib": FormFactors(F_V=0.0, F_A=0.0, R=0.0, source="inner bremsstrahlung only"),
}
DEFAULT_FORM_FACTORS = "chpt"


def form_factors(choice=DEFAULT_FORM_FACTORS, R=None):
    """A named set (None: the default), optionally with the charge-radius form factor R set by hand."""
    choice = DEFAULT_FORM_FACTORS if choice is None else choice
    if isinstance(choice, FormFactors):
        chosen = choice
    elif choice in FORM_FACTOR_SETS:
        chosen = FORM_FACTOR_SETS[choice]
    else:
        raise validate.InputError(f"unknown form factors {choice!r}; known: {', '.join(FORM_FACTOR_SETS)}")
    if R is None:
        return chosen
    R = validate.number(R, "R (finite)", -10.0, 10.0)  # O(1) physically: 0.2-0.3 (README)
    return FormFactors(chosen.F_V, chosen.F_A, R, chosen.source + f"; R = {R:g} set by hand")
