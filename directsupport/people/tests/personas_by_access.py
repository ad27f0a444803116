"""Which personas may see Dee's circle and who-can-see pages, shared by the circle tests."""

# Everyone who gets "not found" for Dee's circle and its permissions.
NO_CIRCLE_ACCESS = [
    "other_worker",
    "neighbour_user",
    "commissioner",
    "other_commissioner",
    "supplier",
    "outsider",
    "finance",
    "market_shaper",
    "expert",
]
