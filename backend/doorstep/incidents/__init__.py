"""Incidents tenants report about their home, and the contractors staff send to them."""
