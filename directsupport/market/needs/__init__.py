"""A person's support needs: drawn from their Perfect Week and outcomes (``drawing``), refined
with the coordinator and commissioned the way the person says (``services``), and set against
their money (``money``) on their "My support" page (``views``)."""
