/** English strings of the staff's own account page and a tenant's portal access (en.ts `accountPage`, `portalAccess`): the source of their keys. */
export const accountPageEn = {
  nav: "Your account",
  title: "Your account",
  details: "Who you are",
  name: "Name",
  email: "Email address",
  role: "Role",
  agency: "Agency",
};

export const portalAccessEn = {
  title: "Portal access",
  enabled: "On: the tenant can sign in to the portal.",
  disabled: "Off since {{date}}: the tenant cannot sign in. Their account and records are kept.",
  noAccount: "The tenant has no portal account yet.",
  disable: "Turn portal access off",
  enable: "Turn portal access on",
  confirmDisable: "Turn off {{name}}'s portal access? They are signed out on every device at once and cannot sign in until you turn it on again.",
  confirmYes: "Yes, turn it off",
  cancel: "Cancel",
  saving: "Saving…",
  history: "History",
  eventDisabled: "Turned off by {{who}} on {{date}}",
  eventEnabled: "Turned on by {{who}} on {{date}}",
  someone: "a former colleague",
};
