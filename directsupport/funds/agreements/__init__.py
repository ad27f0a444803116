"""A person's ISF agreement: its terms and their rules (``terms``), its versions from draft to the
council's decision (``services``), and the reviews of how it is working (``reviews``)."""
