"""A person's hours: support planned from the Perfect Week against sessions delivered."""
