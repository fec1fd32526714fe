"""E-mail: an outbox written in the business transaction, delivered over SMTP after commit."""
