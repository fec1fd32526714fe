"""Payments recorded off the platform, receipts, refunds, payment views and lease balances."""
