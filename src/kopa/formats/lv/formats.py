# Latvian documents (and the funders' forms) write dates as 01.05.2017, with leading zeros.
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
