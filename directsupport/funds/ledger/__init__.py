"""The ledger: the one way money moves in a fund (``posting``, home of the overdraft rule), its
balances, the postings made by hand and the pages that read it (the Money tab among them)."""
