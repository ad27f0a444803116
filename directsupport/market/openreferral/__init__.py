"""Open Referral UK (HSDS 3.0): the directory published as the profile's read-only public API
(``api_views``, mounted at /openreferral/), and feeds in the same shape imported into it
(``services.import_feed``, from a page for the market shaper and ``manage.py
import_openreferral``). Only what suppliers chose to publish leaves; ``market.access`` says
what that is."""
