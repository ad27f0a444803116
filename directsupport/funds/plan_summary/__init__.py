"""The plan summary: what the council that funds a person reads instead of their Plan Book.

It compiles planning (the outcomes of the latest published Plan Book), week (its Perfect Week,
without the names of family and friends) and funds (the ISF budget, what was spent and what is
left), so it stands at the funds layer (DESIGN.md §2). Which parts show is decided by the apps'
access.py modules, from what the person agreed to share with the council.
"""
