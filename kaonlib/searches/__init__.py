"""Experiments and statistics: the NA62 backgrounds (background), searches (na62, dimuon), the likelihood (statistics),
the reach in the coupling (reach) and existing constraints."""
