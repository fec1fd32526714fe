"""The tenant's own view: their profile and leases (tenant routes are scoped to the tenant)."""
