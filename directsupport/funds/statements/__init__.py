"""A person's monthly statements: the figures worked out from the ledger (``figures``), made once
a month is over (``services``), shown on screen and in easy read (``display``) and as a PDF
(``pdf``)."""
