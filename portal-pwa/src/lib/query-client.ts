import { onlineManager } from "@tanstack/react-query";
import { createQueryClient } from "@doorstep/web-shared/lib/query-client";
import { announceQueries } from "@/lib/loaded-queries";
import { SAVED_DATA_MAX_AGE } from "@/lib/saved-data";

// gcTime >= the persisted cache's max age, or restored answers would be dropped at once.
export const queryClient = createQueryClient({ gcTime: SAVED_DATA_MAX_AGE });

announceQueries({ queryClient, onlineManager });
