"""The organisation's formats, for whatever shows a date or time without a
format of its own: the admin's lists, read-only fields and history pages.
Public templates name their formats; entry in the admin is strict
(newsroom/publishing/admin/times.py), so no input formats change here."""

DATE_FORMAT = "d.m.Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
