"""Planning on top of the calendar: filling the posting slots, the report of a period."""
