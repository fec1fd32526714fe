import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api/api-error";

/** A client error (4xx) will not go away by asking again; network and 5xx errors might. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500 && error.status !== 408) return false;
  return failureCount < 2;
}

export interface QueryClientOptions {
  /** How long unused answers stay in memory (TanStack's default: 5 minutes). */
  gcTime?: number;
}

export function createQueryClient({ gcTime }: QueryClientOptions = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, ...(gcTime === undefined ? {} : { gcTime }) },
      mutations: { retry: false },
    },
  });
}
