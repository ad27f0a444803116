"""A person's hours: support planned from their Perfect Week (``planned``) against support
delivered, one session at a time (``services``, where a session's cost is worked out) or a
supplier's timesheet imported whole (``timesheets``)."""
