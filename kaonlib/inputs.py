"""Physical inputs, each with its source (PHYSICS.md section 1). Natural units, GeV.

| symbol          | value            | source                                                     |
|-----------------|------------------|------------------------------------------------------------|
| G_F             | 1.1663788e-5 /GeV^2 | PDG 2024, Review of Particle Physics (MuLan)            |
| abs(V_us)       | 0.2243           | PDG 2024, CKM review, |V_us| average                        |
| f_K+            | 0.1557 GeV       | FLAG 2021 review, N_f = 2+1+1 (f_pi ~ 130 MeV convention)  |
| BR(K+ -> mu nu) | 0.6356           | PDG 2024, K+ listings                                      |
| m_K+            | 0.493677 GeV     | PDG 2024                                                   |
| m_mu            | 0.1056583755 GeV | PDG 2024 (CODATA 2018)                                     |
"""

G_F = 1.1663788e-5  # GeV^-2, PDG 2024
V_US = 0.2243  # PDG 2024
F_K = 0.1557  # GeV, FLAG 2021 (Nf = 2+1+1)
BR_KMU2 = 0.6356  # PDG 2024
M_K = 0.493677  # GeV, PDG 2024
M_MU = 0.1056583755  # GeV, PDG 2024

SM_COUPLING_SQUARED = 2.0 * G_F**2 * V_US**2 * F_K**2  # C^2 = (sqrt(2) G_F V_us f_K)^2, GeV^-2
