from django.apps import AppConfig


class CoproductionConfig(AppConfig):
    name = "directsupport.coproduction"
    label = "coproduction"
    verbose_name = "Co-production: decisions, panel, feedback, reviews, outcomes, programme"

    def ready(self) -> None:
        """Each concept registers with the registries the apps below offer (the decision feed,
        the person page's tabs, subject access and retention, home-page panels)."""
        from .dashboard.registry import register as register_dashboard
        from .decisions.registry import register as register_decisions
        from .feedback.registry import register as register_feedback
        from .outcomes.registry import register as register_outcomes
        from .panel.registry import register as register_panel
        from .reviews.registry import register as register_reviews

        register_decisions()
        register_panel()
        register_feedback()
        register_reviews()
        register_outcomes()
        register_dashboard()
