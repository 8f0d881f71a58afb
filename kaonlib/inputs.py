"""Every physical input kaonlib uses, with its source (docs/physics.md section 1). GeV, seconds, metres.

Masses and lifetimes come from the PDG table shipped with the Scikit-HEP ``particle`` package; its
edition is recorded in :data:`PDG_EDITION`. The other inputs are listed in :data:`CONSTANTS` and the
(g-2)_mu discrepancies in :data:`G_MINUS_2`, each as an :class:`Input` with uncertainty and source.
"""

import math
from dataclasses import dataclass

import particle
from particle import Particle


@dataclass(frozen=True)
class Input:
    value: float
    uncertainty: float
    unit: str
    source: str


PDG_TABLE = Particle.table_names()[0]
PDG_EDITION = f"PDG table {PDG_TABLE} of Scikit-HEP particle {particle.__version__}"


def pdg_mass(pdgid):
    """Mass in GeV from the particle package (which stores MeV)."""
    return Particle.from_pdgid(pdgid).mass / 1000.0


def pdg_lifetime(pdgid):
    """Lifetime in seconds from the particle package (which stores ns)."""
    return Particle.from_pdgid(pdgid).lifetime * 1e-9


M_K = pdg_mass(321)  # K+
M_K0 = pdg_mass(130)  # K_L
M_PI = pdg_mass(211)  # pi+
M_PI0 = pdg_mass(111)  # pi0
M_MU = pdg_mass(13)
M_E = pdg_mass(11)
M_TAU = pdg_mass(15)
TAU_K = pdg_lifetime(321)
TAU_KL = pdg_lifetime(130)

CONSTANTS = {
    "G_F": Input(1.1663788e-5, 6e-12, "GeV^-2", "PDG 2024, Physical constants (MuLan)"),
    "V_us": Input(0.2243, 0.0008, "", "PDG 2024, CKM quark-mixing matrix review, |V_us|"),
    "f_K": Input(0.1557, 0.0003, "GeV", "FLAG Review 2021 (arXiv:2111.09849), N_f = 2+1+1, f_pi ~ 130 MeV"),
    "BR_Kmu2": Input(0.6356, 0.0011, "", "PDG 2024, BR(K+ -> mu+ nu_mu)"),
    "BR_Ke2": Input(1.582e-5, 0.007e-5, "", "PDG 2024, BR(K+ -> e+ nu_e)"),
    "alpha_EM": Input(1 / 137.035999084, 0.0, "", "CODATA 2018, alpha(0) for real photons"),
    "hbar": Input(6.582119569e-25, 0.0, "GeV s", "CODATA 2018 (exact in the SI)"),
    "c": Input(299792458.0, 0.0, "m/s", "SI definition"),
}

G_F = CONSTANTS["G_F"].value
V_US = CONSTANTS["V_us"].value
F_K = CONSTANTS["f_K"].value
BR_KMU2 = CONSTANTS["BR_Kmu2"].value
BR_KE2 = CONSTANTS["BR_Ke2"].value
ALPHA_EM = CONSTANTS["alpha_EM"].value
HBAR = CONSTANTS["hbar"].value
C_LIGHT = CONSTANTS["c"].value

# K+ -> l+ nu X is produced for these charged leptons: mass (GeV) and the measured BR(K+ -> l+ nu) that
# normalises every rate (kaonlib.processes.rates); LEPTON_MASSES also serves the mediator decays.
LEPTON_MASSES = {"e": M_E, "mu": M_MU, "tau": M_TAU, "nu_e": 0.0, "nu_mu": 0.0, "nu_tau": 0.0}
KL2_BRANCHING_RATIOS = {"mu": BR_KMU2, "e": BR_KE2}

SM_COUPLING_SQUARED = 2.0 * G_F**2 * V_US**2 * F_K**2  # C^2 = (sqrt(2) G_F V_us f_K)^2, GeV^-2

# Delta a_mu = a_mu(exp) - a_mu(SM), by era; uncertainties of experiment and theory added in quadrature.
#   a_mu(exp) world averages: 116 592 061(41)e-11 (FNAL run 1 + BNL, PRL 126 (2021) 141801); 116 592 059(22)e-11
#   (FNAL runs 1-3 + BNL, PRL 131 (2023) 161802); 116 592 071.5(14.5)e-11 (FNAL runs 1-6 final + BNL, Muon g-2
#   Collaboration, arXiv:2506.03069, PRL 135 (2025) 101802; FNAL alone 116 592 070.5(14.8)e-11).
#   a_mu(SM): WP20 116 591 810(43)e-11 (Aoyama et al., Phys. Rept. 887 (2020) 1); WP25 116 592 033(62)e-11
#   (Muon g-2 Theory Initiative, arXiv:2505.21476, abstract; lattice-QCD LO HVP).
G_MINUS_2 = {
    "kmrt2019": Input(287e-11, 80e-11, "", "Davier et al., EPJC 71 (2011) 1515, arXiv:1010.4180 (KMRT ref. [6])"),
    "2021": Input(251e-11, 59e-11, "", "Muon g-2 (FNAL), PRL 126 (2021) 141801: world average minus WP20"),
    "2025-prefinal": Input(26e-11, 66e-11, "", "WP25 (arXiv:2505.21476) against the pre-final 2023 world average "
                           "116 592 059(22)e-11 (E821 + FNAL runs 1-3), as quoted in WP25's abstract (no anomaly)"),
    "2025": Input(38.5e-11, math.hypot(14.5e-11, 62e-11), "",
                  "final world average 116 592 071.5(14.5)e-11 (Muon g-2, arXiv:2506.03069, PRL 135 (2025) 101802) "
                  "minus WP25 116 592 033(62)e-11 (arXiv:2505.21476): 38.5(63.7)e-11 (no anomaly)"),
}
DEFAULT_G_MINUS_2 = "2025"  # the latest: the final experimental average against WP25

# Dark dipole and K -> pi nu nu (docs/physics.md section 4; used by kaonlib.processes.dark). The lattice form factor
# f_T(q^2) = f_T(0) / (1 - s_T q^2) is Baum et al.'s pole fit.
F_T0 = 0.417  # Baum et al., arXiv:1108.1021
S_T = 1.10  # GeV^-2, same source
C_T_CHARGED = math.sqrt(2.0)  # K+ -> pi+ normalisation, our reading of arXiv:1108.1021 (kaonlib.processes.dark)
GROSSMAN_NIR = 4.3  # BR(K_L -> pi0 nu nu) <= 4.3 BR(K+ -> pi+ nu nu), Grossman and Nir, PLB 398 (1997) 163
LAMBDA_PLUS = 0.02549  # K_l3 vector form factor slope lambda'_+ (Boito, Escribano, Jamin, arXiv:1101.2887)

# Experimental inputs by era: the largest new-physics BR(K+ -> pi+ + invisible) with SM-like acceptance.
NA62_BOUNDS = {
    "fg2019": (1.78e-10, "NA62 2016-17, BR(K+ -> pi+ nu nu) < 1.78e-10 at 90 % CL (docs/physics.md section 4)"),
    "2025": (10.0e-11, "NA62 2016-22, BR = (13.0 +3.3 -3.0)e-11 (arXiv:2412.12015): 13.0 + 1.64 x 3.3 - 8.4 (SM)"),
}
KOTO_BOUNDS = {
    "fg2019": (3.0e-9, "KOTO 2015 run, BR(K_L -> pi0 nu nu) < 3.0e-9 at 90 % CL, PRL 122 (2019) 021802"),
    "2025": (2.2e-9, "KOTO 2021 run, BR(K_L -> pi0 nu nu) < 2.2e-9 at 90 % CL, arXiv:2411.11237"),
}
