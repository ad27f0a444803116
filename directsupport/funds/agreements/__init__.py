"""A person's ISF agreement: its terms and their rules, its versions, and its reviews."""
