"""Handover packs: what the provider receives, as markdown."""

from kt_workbench.handover.credentials import CredentialsInPack
from kt_workbench.handover.pack import PackResult, export_pack, export_single_file

__all__ = ["CredentialsInPack", "PackResult", "export_pack", "export_single_file"]
