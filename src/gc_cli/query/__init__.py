"""The calendar read as data: windows of time, the posts and occurrences in them, who answers
when."""
