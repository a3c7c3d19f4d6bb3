"""The terminal workbench (Textual). The only part of kt_workbench that imports textual."""
