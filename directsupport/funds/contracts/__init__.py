"""Block contracts, their split into ISFs (the largest-remainder rule) and the programme."""
