"""The forms of projects: the application editor's forms and the lifecycle's small forms."""
