from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "directsupport.retention"
    label = "retention"
    verbose_name = "Retention and erasure"
