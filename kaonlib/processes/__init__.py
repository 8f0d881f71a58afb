"""What is computed: K+ -> l+ nu X (kmunu, rates), the SM K+ -> l+ nu l'+ l'- (k3munu, phasespace) and the dark dipole
K -> pi Q Qbar (dark), from the compiled kernels."""
