"""Recurring rent payments and payment reminders (seed 003)."""
