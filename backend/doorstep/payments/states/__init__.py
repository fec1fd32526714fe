"""The payment and refund lifecycles, each one table."""
