"""What this concept registers with the apps below when Django starts (filled in by its pages)."""


def register() -> None:
    return None
