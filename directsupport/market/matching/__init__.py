"""The Right Support: for each need, the services that could meet it, ranked with reasons in
plain words; the person's choice (which always overrides the ranking); the gaps nobody meets
and the borough's market view.

- ``facts``: plain data objects for needs and the directory, and the loaders that fill them in
  a fixed number of queries, however many suppliers there are.
- ``timing``: when a need happens and when a service works, as minutes of the week (every-N
  weeks and overnight included), and their sentences.
- ``ranking``: the pure ranking function and THE scoring rule (its docstring); ``words``: its
  sentences.
- ``gaps``: needs no service can meet, and supply and demand by kind, area, day and price.
- ``services``: recording the person's choice; ``for_need``: one need's ranking for its pages.
- ``match_views``, ``market_views``, ``forms``, ``urls``: the pages.
"""
