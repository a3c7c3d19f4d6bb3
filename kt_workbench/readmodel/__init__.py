"""The read model between the store and every front end: what a change can affect, the
caches of derived data, and the checker fingerprint those caches are keyed by.

``kt_workbench.library.Library`` is the one class front ends use; the modules here are its
parts, kept headless and free of any UI.
"""
