"""Linking articles to the pledges they are about."""

DEFAULT_THRESHOLD = 0.5
