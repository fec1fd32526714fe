import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { cachedPhoto } from "@/lib/photo-cache";
import { ApiError, toProblem, unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Incident = components["schemas"]["PortalIncidentOut"];
export type IncidentDetail = components["schemas"]["PortalIncidentDetailOut"];
export type IncidentCategory = components["schemas"]["IncidentCategory"];
export type IncidentStatus = components["schemas"]["IncidentStatus"];

export const INCIDENT_CATEGORIES: readonly IncidentCategory[] = ["plumbing", "electrical", "heating", "communal_areas", "other"];
export const OPEN_STATUSES: readonly IncidentStatus[] = ["reported", "qualified", "assigned", "scheduled"];

// A tenant has few incidents: one page of the most a list shows.
export const INCIDENTS_LIMIT = 100;

export const incidentsQueryKey = ["portal", "incidents"] as const;
export const incidentQueryKey = (incidentId: string) => [...incidentsQueryKey, "detail", incidentId] as const;
const listQueryKey = (openOnly: boolean) => [...incidentsQueryKey, "list", { openOnly }] as const;

/** GET /api/v1/portal/incidents: the tenant's own reports, newest first (only open ones when asked). */
export const myIncidentsQueryOptions = (openOnly = false) =>
  queryOptions({
    queryKey: listQueryKey(openOnly),
    queryFn: async ({ signal }): Promise<Incident[]> => {
      const page = unwrap(
        await api.GET("/api/v1/portal/incidents", { params: { query: { open: openOnly, limit: INCIDENTS_LIMIT } }, signal }),
      );
      return page.items;
    },
    // Progress is what the tenant comes to see: read again whenever a screen shows it.
    staleTime: 0,
  });

export function useMyIncidents(openOnly = false) {
  return useQuery(myIncidentsQueryOptions(openOnly));
}

/** GET /api/v1/portal/incidents/{id}: one report with each step it took (read again every minute while open). */
export const myIncidentQueryOptions = (incidentId: string) =>
  queryOptions({
    queryKey: incidentQueryKey(incidentId),
    queryFn: async ({ signal }): Promise<IncidentDetail> =>
      unwrap(await api.GET("/api/v1/portal/incidents/{incident_id}", { params: { path: { incident_id: incidentId } }, signal })),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data !== undefined && OPEN_STATUSES.includes(query.state.data.status) ? 60_000 : false),
  });

export function useMyIncident(incidentId: string) {
  return useQuery(myIncidentQueryOptions(incidentId));
}

export interface IncidentReport {
  leaseId: string | null;
  category: IncidentCategory;
  title: string;
  description: string;
  availability: string;
  photos: readonly File[];
  /** The same key when the same report is sent again after an unknown outcome. */
  idempotencyKey: string;
}

/** The multipart body POST /api/v1/portal/incidents takes: the fields as text, then each photo. */
export function incidentFormData(report: IncidentReport): FormData {
  const form = new FormData();
  if (report.leaseId !== null) form.append("lease_id", report.leaseId);
  form.append("category", report.category);
  form.append("title", report.title);
  form.append("description", report.description);
  if (report.availability !== "") form.append("availability", report.availability);
  for (const photo of report.photos) form.append("photos", photo, photo.name);
  return form;
}

/**
 * POST /api/v1/portal/incidents (multipart/form-data). openapi-fetch sends the FormData its
 * `bodySerializer` returns as it is (the browser sets the multipart Content-Type with its
 * boundary); the generated body type says `string` for binary parts, so the typed body carries
 * the photos' names and the serializer the files themselves.
 */
export async function reportIncident(report: IncidentReport): Promise<IncidentDetail> {
  return unwrap(
    await api.POST("/api/v1/portal/incidents", {
      params: { header: { "Idempotency-Key": report.idempotencyKey } },
      body: {
        category: report.category,
        title: report.title,
        description: report.description,
        photos: report.photos.map((photo) => photo.name),
      },
      bodySerializer: () => incidentFormData(report),
    }),
  );
}

export function useReportIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reportIncident,
    onSuccess: (incident) => {
      queryClient.setQueryData(incidentQueryKey(incident.id), incident);
      void queryClient.invalidateQueries({ queryKey: [...incidentsQueryKey, "list"] });
    },
  });
}

/** POST /api/v1/portal/incidents/{id}/cancel: withdraws a report the agency has not taken up (409 once it has). */
export function useCancelIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (incidentId: string) =>
      unwrap(await api.POST("/api/v1/portal/incidents/{incident_id}/cancel", { params: { path: { incident_id: incidentId } } })),
    onSuccess: (incident) => {
      queryClient.setQueryData(incidentQueryKey(incident.id), incident);
      void queryClient.invalidateQueries({ queryKey: [...incidentsQueryKey, "list"] });
    },
    onError: (_, incidentId) => {
      void queryClient.invalidateQueries({ queryKey: incidentQueryKey(incidentId) });
    },
  });
}

/**
 * GET /api/v1/portal/incidents/{id}/photos/{photo_id} through the API client (with the bearer
 * token), as a blob; a photo seen once is kept on the device and shown offline (lib/photo-cache).
 */
export async function fetchIncidentPhoto(incidentId: string, photoId: string): Promise<Blob> {
  return cachedPhoto(`/api/v1/portal/incidents/${incidentId}/photos/${photoId}`, async () => {
    const { data, error, response } = await api.GET("/api/v1/portal/incidents/{incident_id}/photos/{photo_id}", {
      params: { path: { incident_id: incidentId, photo_id: photoId } },
      parseAs: "blob",
    });
    if (!response.ok || data === undefined) throw new ApiError(response.status, toProblem(error, response.status));
    return data;
  });
}
