"""Governance after go-live: the figures a provider actually reaches, held against the
baseline and the 30/60/90-day targets each process states."""
