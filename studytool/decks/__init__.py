"""Decks: the card model, the YAML loader and its cache, validation against the notes."""
