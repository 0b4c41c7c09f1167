"""Engines that run a Coder over many documents: local worker processes and Dask distributed."""
