"""The council's reconciliation across its ISFs for a month, tied to the ledger."""
