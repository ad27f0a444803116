"""Banking money or hours for a purpose (a holiday, a festival) within the agreement's rule: the
pots, banking into them and using them (``services``), and their pages."""
