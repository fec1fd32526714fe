import { useMutation, useQuery, useQueryClient, queryOptions } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { cursorListOptions, fetchAllPages, MAX_PAGE_SIZE, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { ApiError, toProblem, unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Incident = components["schemas"]["IncidentOut"];
export type IncidentDetail = components["schemas"]["IncidentDetailOut"];
export type IncidentStatus = components["schemas"]["IncidentStatus"];
export type IncidentCategory = components["schemas"]["IncidentCategory"];
export type IncidentPriority = components["schemas"]["IncidentPriority"];
export type Contractor = components["schemas"]["ContractorOut"];
export type ContractorCreate = components["schemas"]["ContractorCreate"];
export type ContractorUpdate = components["schemas"]["ContractorUpdate"];
export type IncidentRoute = components["schemas"]["RouteOut"];

/** In the order an incident moves, then the two ways it ends early. */
export const INCIDENT_STATUSES = ["reported", "qualified", "assigned", "scheduled", "resolved", "rejected", "cancelled"] as const satisfies readonly IncidentStatus[];
export const INCIDENT_CATEGORIES = ["plumbing", "electrical", "heating", "communal_areas", "other"] as const satisfies readonly IncidentCategory[];
export const INCIDENT_PRIORITIES = ["low", "normal", "high", "urgent"] as const satisfies readonly IncidentPriority[];

/** Which steps an incident may take from its status (incidents.service.TRANSITIONS). */
export type IncidentStep = "qualify" | "assign" | "schedule" | "resolve" | "reject";
const STEPS_FROM: Record<IncidentStatus, readonly IncidentStep[]> = {
  reported: ["qualify", "reject"],
  qualified: ["assign", "reject"],
  assigned: ["schedule", "resolve", "assign"],
  scheduled: ["resolve", "schedule", "assign"],
  resolved: [],
  rejected: [],
  cancelled: [],
};

export function stepsFrom(status: IncidentStatus): readonly IncidentStep[] {
  return STEPS_FROM[status];
}

export interface IncidentsParams {
  /** "" for every status; "open" for those still being dealt with. */
  status: IncidentStatus | "open" | "";
  category: IncidentCategory | "";
  propertyId: string;
  q: string;
  /** Only those reported on this lease / by this tenant (their pages' lists). */
  leaseId?: string;
  tenantId?: string;
  /** "triage": most pressing priority first, then the longest waiting; otherwise newest first. */
  sort?: "newest" | "triage";
}

/** GET /api/v1/incidents: the agency's incidents, newest first or in triage order, filtered. */
export const incidentsQueryOptions = (params: IncidentsParams) =>
  cursorListOptions(queryKeys.incidents.list(params), async (cursor, signal) =>
    unwrap(
      await api.GET("/api/v1/incidents", {
        params: {
          query: {
            status: params.status === "" || params.status === "open" ? undefined : params.status,
            open: params.status === "open" ? true : undefined,
            category: params.category === "" ? undefined : params.category,
            property_id: params.propertyId === "" ? undefined : params.propertyId,
            lease_id: params.leaseId === undefined || params.leaseId === "" ? undefined : params.leaseId,
            tenant_id: params.tenantId === undefined || params.tenantId === "" ? undefined : params.tenantId,
            q: params.q === "" ? undefined : params.q,
            sort: params.sort,
            cursor,
            limit: PAGE_SIZE,
          },
        },
        signal,
      }),
    ),
  );

export function useIncidents(params: IncidentsParams) {
  return useCursorList(incidentsQueryOptions(params));
}

export function useIncident(incidentId: string) {
  return useQuery(
    queryOptions({
      queryKey: queryKeys.incidents.detail(incidentId),
      queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/incidents/{incident_id}", { params: { path: { incident_id: incidentId } }, signal })),
    }),
  );
}

/** A photo the tenant attached, fetched with the bearer token as a blob (shown from an object URL). */
export function useIncidentPhoto(incidentId: string, photoId: string) {
  return useQuery({
    queryKey: queryKeys.incidentPhoto(photoId),
    queryFn: async () => {
      const { data, error, response } = await api.GET("/api/v1/incidents/{incident_id}/photos/{photo_id}", {
        params: { path: { incident_id: incidentId, photo_id: photoId } },
        parseAs: "blob",
      });
      if (!response.ok || data === undefined) throw new ApiError(response.status, toProblem(error, response.status));
      return data;
    },
    staleTime: Infinity,
  });
}

export type StepBody =
  | { step: "qualify"; body: components["schemas"]["QualifyIn"] }
  | { step: "assign"; body: components["schemas"]["AssignIn"] }
  | { step: "schedule"; body: components["schemas"]["ScheduleIn"] }
  | { step: "resolve"; body: components["schemas"]["ResolveIn"] }
  | { step: "reject"; body: components["schemas"]["RejectIn"] };

async function takeStep(incidentId: string, request: StepBody, idempotencyKey: string): Promise<IncidentDetail> {
  const path = { incident_id: incidentId };
  const header = { "Idempotency-Key": idempotencyKey };
  switch (request.step) {
    case "qualify":
      return unwrap(await api.POST("/api/v1/incidents/{incident_id}/qualify", { params: { path }, body: request.body }));
    case "assign":
      return unwrap(await api.POST("/api/v1/incidents/{incident_id}/assign", { params: { path, header }, body: request.body }));
    case "schedule":
      return unwrap(await api.POST("/api/v1/incidents/{incident_id}/schedule", { params: { path, header }, body: request.body }));
    case "resolve":
      return unwrap(await api.POST("/api/v1/incidents/{incident_id}/resolve", { params: { path, header }, body: request.body }));
    case "reject":
      return unwrap(await api.POST("/api/v1/incidents/{incident_id}/reject", { params: { path, header }, body: request.body }));
  }
}

/** One step of an incident (qualify, assign, schedule, resolve, reject): the answer replaces the cached incident and the lists refresh. */
export function useIncidentStep(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: { request: StepBody; idempotencyKey: string }) => takeStep(incidentId, request, idempotencyKey),
    onSuccess: async (incident) => {
      queryClient.setQueryData(queryKeys.incidents.detail(incident.id), incident);
      await queryClient.invalidateQueries({ queryKey: queryKeys.incidents.all, predicate: (query) => query.queryKey[1] !== "detail" });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.incidents.detail(incidentId) }),
  });
}

/** POST /api/v1/incidents/{id}/work-order: e-mail the work order to the contractor again. */
export function useResendWorkOrder(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST("/api/v1/incidents/{incident_id}/work-order", { params: { path: { incident_id: incidentId } } })),
    onSuccess: (incident) => {
      queryClient.setQueryData(queryKeys.incidents.detail(incident.id), incident);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.incidents.detail(incidentId) }),
  });
}

// ------------------------------------------------------------------ contractors

/** GET /api/v1/contractors, every page (an agency works with a few dozen at most). */
export function useContractors(params: { archived: boolean; category?: IncidentCategory | undefined }) {
  return useQuery(
    queryOptions({
      queryKey: queryKeys.contractors.list(params),
      queryFn: ({ signal }) =>
        fetchAllPages(
          async (cursor, pageSignal) =>
            unwrap(
              await api.GET("/api/v1/contractors", {
                params: { query: { archived: params.archived, category: params.category, cursor, limit: MAX_PAGE_SIZE } },
                signal: pageSignal,
              }),
            ),
          signal,
        ),
    }),
  );
}

export function useCreateContractor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ContractorCreate) => unwrap(await api.POST("/api/v1/contractors", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.contractors.all }),
  });
}

export function useUpdateContractor(contractorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ContractorUpdate) =>
      unwrap(await api.PATCH("/api/v1/contractors/{contractor_id}", { params: { path: { contractor_id: contractorId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.contractors.all }),
  });
}

export function useArchiveContractor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ contractorId, archived }: { contractorId: string; archived: boolean }) => {
      const path = { contractor_id: contractorId };
      return archived
        ? unwrap(await api.POST("/api/v1/contractors/{contractor_id}/archive", { params: { path } }))
        : unwrap(await api.POST("/api/v1/contractors/{contractor_id}/restore", { params: { path } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.contractors.all }),
  });
}

// ------------------------------------------------------------------ routing

/** GET /api/v1/incident-routes: every category, with the contractor its new reports are assigned to (null: staff assign them). */
export function useIncidentRoutes() {
  return useQuery(
    queryOptions({
      queryKey: queryKeys.contractors.routes(),
      queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/incident-routes", { signal })),
    }),
  );
}

/** PUT /api/v1/incident-routes: route the category to a contractor of its trade, or (null) leave it to staff. */
export function useSetIncidentRoute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ category, contractorId }: { category: IncidentCategory; contractorId: string | null }) =>
      unwrap(await api.PUT("/api/v1/incident-routes", { body: { category, contractor_id: contractorId } })),
    onSuccess: (route) => {
      queryClient.setQueryData<IncidentRoute[]>(queryKeys.contractors.routes(), (routes) =>
        routes?.map((existing) => (existing.category === route.category ? route : existing)),
      );
    },
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.contractors.routes() }),
  });
}

/**
 * GET /api/v1/incidents?status=reported, one page: what tenants reported that nobody has
 * qualified yet, counted for the navigation ("200+" beyond); read again every minute.
 */
export const incidentsToQualifyQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.incidents.list({ status: "reported", toQualify: true }),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/incidents", { params: { query: { status: "reported", limit: MAX_PAGE_SIZE } }, signal })),
    refetchInterval: 60_000,
  });

export function useIncidentsToQualify(enabled: boolean) {
  return useQuery({ ...incidentsToQualifyQueryOptions(), enabled });
}
