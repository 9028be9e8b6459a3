"""The hypothesis suite: every form of the app, the money parser, and texts in PDFs."""
