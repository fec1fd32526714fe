"""Collections center, tenant follow-ups and bank reconciliation."""
