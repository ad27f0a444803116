"""No models: this app holds the database roles and the backup and restore drill. The module
exists so Django sends this app's post_migrate signal (grants re-applied after each migrate)."""
