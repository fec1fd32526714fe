"""Card payments: the gateway adapter, saved cards, charges, payment links, webhooks, refunds."""
