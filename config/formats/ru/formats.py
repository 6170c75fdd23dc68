"""Russian formats for what shows a date or time without a format of its own
(the admin's lists, read-only fields, history): the same digits as English
(24.04.2024 12:00), as the organisation writes them in both languages."""

DATE_FORMAT = "d.m.Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
