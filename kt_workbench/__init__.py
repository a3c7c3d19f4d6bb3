"""KT Workbench: document customer-service processes for handover to an external team."""

__version__ = "0.1.0"
