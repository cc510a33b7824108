"""Issue files on disk: read, validate, find positions, change in place, atomically and locked.

Nothing here knows about ``check`` or the DOCX: it reads TOML into the model and writes
articles back without disturbing a byte of the rest of the file.
"""
