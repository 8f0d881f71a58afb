"""The mediator's own physics: its decays (decays) and its one-loop (g-2)_mu (gminus2)."""
