"""The preferred supplier list's pages: the list and its criteria (lists.py), applications and
applying (applications.py), assessing, the panel's view and decisions (decisions.py)."""
