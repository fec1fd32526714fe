import { createQueryClient } from "@doorstep/web-shared/lib/query-client";
import { SAVED_DATA_MAX_AGE } from "@/lib/query-persistence";

// gcTime >= the persisted cache's max age, or restored answers would be dropped at once.
export const queryClient = createQueryClient({ gcTime: SAVED_DATA_MAX_AGE });
