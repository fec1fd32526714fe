"""Money from tenants, by what each part owns: ``ledger`` (payments, receipts, refunds),
``cards`` (the gateway and everything paid by card), ``proofs`` (proofs of a bank transfer) and
``states`` (the lifecycles). Allocations belong to ``billing``; e-mails are written by
``documents`` and queued through ``notifications``."""
