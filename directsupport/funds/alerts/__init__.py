"""Money alerts: what coordinators and finance should act on, and the page listing them."""
