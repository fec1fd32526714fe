import { createQueryClient } from "@doorstep/web-shared/lib/query-client";

export const queryClient = createQueryClient();
