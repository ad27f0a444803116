"""The ledger: the one way money moves in a fund (posting, the overdraft rule), balances, pages."""
