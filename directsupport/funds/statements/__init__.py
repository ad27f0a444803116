"""A person's monthly statements: figures from the ledger, made, shown and printed."""
