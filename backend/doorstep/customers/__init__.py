"""Customers (seed 001): deleting a customer across every module that holds their data."""
