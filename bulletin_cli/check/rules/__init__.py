"""The rules of ``check``, one module per topic: sections, sources, text, and the issue as a whole."""
