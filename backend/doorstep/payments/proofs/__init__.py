"""Tenants' proofs of a bank transfer and their review by staff."""
