"""The agency's home: what needs someone's action today, and the month's money (seed 000)."""
