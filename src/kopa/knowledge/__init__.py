"""C7 Knowledge. For now: the site search shared by the public pages (see queries.search)."""
