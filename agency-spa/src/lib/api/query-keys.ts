/**
 * Query keys for the agency's book, shared by every feature so that a mutation can refresh all
 * views of a resource by its prefix: `invalidateQueries({ queryKey: queryKeys.units.all })`
 * refreshes the units list, a property's units, a unit's detail and the lease form's unit select.
 */
export const queryKeys = {
  properties: {
    all: ["properties"] as const,
    list: (params: object) => ["properties", "list", params] as const,
    options: () => ["properties", "options"] as const,
    detail: (id: string) => ["properties", "detail", id] as const,
  },
  units: {
    all: ["units"] as const,
    list: (params: object) => ["units", "list", params] as const,
    options: (propertyId: string) => ["units", "options", propertyId] as const,
    detail: (id: string) => ["units", "detail", id] as const,
  },
  tenants: {
    all: ["tenants"] as const,
    list: (params: object) => ["tenants", "list", params] as const,
    detail: (id: string) => ["tenants", "detail", id] as const,
  },
  leases: {
    all: ["leases"] as const,
    list: (params: object) => ["leases", "list", params] as const,
    detail: (id: string) => ["leases", "detail", id] as const,
  },
};
