"""Views of the decisions app, one module per page family; decisions/urls.py names them."""
