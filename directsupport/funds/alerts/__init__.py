"""Money alerts: what coordinators and finance should act on across the funds they look after,
the four kinds and when each is raised (``rules``), and the page that lists them."""
