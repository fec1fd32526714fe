"""The payment, refund and scheduled-charge lifecycles, each one table."""
