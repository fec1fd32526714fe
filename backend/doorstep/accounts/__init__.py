"""The account lifecycle: forgotten passwords, changes of password and e-mail, signing out
everywhere, and staff turning a tenant's portal access off and on."""
