"""Kopā: inter-municipal cooperation and public-sector capacity building."""
