"""The month: opening one fund's month (``opening``: the allocation, the fee and the planned
support) and the monthly routine across every live ISF (``routine``: open the months, make the
statements)."""
