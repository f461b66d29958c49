"""Runnable proofs: the proof API, the catalog (read without running), the kernel and its runner."""
