"""The council's reconciliation across its ISFs for a month: rows from the statement figures,
totals tied a second way to the ledger, on screen and as CSV and XLSX (``report``)."""
