"""Doorstep: tenant portal and rent collection for letting agencies."""
