"""The calendar store: the files' model, reading them safely, and the only code that writes
them."""
