"""The pages of projects: the list and page, the application editor, the lifecycle, the portfolio."""
