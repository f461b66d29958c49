"""Reusable widgets. They display what they are given and post messages; no business logic."""
