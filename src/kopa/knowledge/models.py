"""The search index is no Django model: its tables are the database's own (kopa.knowledge.index). This module
exists so that Django sends this app the migrate signals that keep the index's triggers."""
