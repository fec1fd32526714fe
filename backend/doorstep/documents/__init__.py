"""Documents Doorstep generates: payment receipts (PDF), and the e-mails that carry them."""
