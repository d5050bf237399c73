"""Terminal renderers: each turns a command's data into text for a person, or JSON."""
