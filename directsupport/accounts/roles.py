"""The roles of DESIGN.md, which organisation kinds may hold them, and what each implies."""

from django.db import models


class OrganisationKind(models.TextChoices):
    PROVIDER = "provider", "Care provider"
    COMMISSIONER = "commissioner", "Council (commissioner)"
    SUPPLIER = "supplier", "Supplier"


class Role(models.TextChoices):
    PERSON = "person", "Person supported"
    CIRCLE = "circle", "Circle of support member"
    SUPPORT_WORKER = "support_worker", "Support worker"
    COORDINATOR = "coordinator", "Coordinator"
    MARKET_SHAPER = "market_shaper", "Market shaper"
    FINANCE = "finance", "Finance"
    MANAGER = "manager", "Manager"
    COMMISSIONER = "commissioner", "Commissioner"
    SUPPLIER = "supplier", "Supplier"
    EXPERT = "expert", "Expert by experience"


ROLES_BY_KIND: dict[str, frozenset[str]] = {
    OrganisationKind.PROVIDER: frozenset(
        {
            Role.PERSON,
            Role.CIRCLE,
            Role.SUPPORT_WORKER,
            Role.COORDINATOR,
            Role.MARKET_SHAPER,
            Role.FINANCE,
            Role.MANAGER,
            Role.EXPERT,
        }
    ),
    OrganisationKind.COMMISSIONER: frozenset({Role.COMMISSIONER}),
    OrganisationKind.SUPPLIER: frozenset({Role.SUPPLIER}),
}

# People supported, their circles and panel members choose whether to use two-factor: for many
# of them an authenticator app is a barrier, and what they can see is their own information.
TWO_FACTOR_OPTIONAL_ROLES: frozenset[str] = frozenset({Role.PERSON, Role.CIRCLE, Role.EXPERT})

PROVIDER_STAFF_ROLES: frozenset[str] = frozenset(
    {Role.SUPPORT_WORKER, Role.COORDINATOR, Role.MARKET_SHAPER, Role.FINANCE, Role.MANAGER}
)
