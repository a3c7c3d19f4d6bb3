"""The rules, one module per section, each a function ``check(run)`` that emits findings."""
