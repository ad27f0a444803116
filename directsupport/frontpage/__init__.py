"""The site's front page: what looks across apps (DESIGN.md §2, the site-level package on top).

The home page each role lands on reads people (who the user sees) and shows panels from every
later app, so it lives above them all rather than in ``accounts``, which every app imports.
"""
