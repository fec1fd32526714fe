/** The flow builder's steps: task ids in order (a task may appear once). */
export function addStep(steps: readonly string[], taskId: string): string[] {
  return taskId === "" || steps.includes(taskId) ? [...steps] : [...steps, taskId];
}

export function removeStep(steps: readonly string[], index: number): string[] {
  return steps.filter((_, at) => at !== index);
}

/** Swaps the step with the one before it; the first step stays first. */
export function moveStepUp(steps: readonly string[], index: number): string[] {
  if (index <= 0 || index >= steps.length) return [...steps];
  return [...steps.slice(0, index - 1), ...steps.slice(index, index + 1), ...steps.slice(index - 1, index), ...steps.slice(index + 1)];
}

/** An existing flow's steps as the builder holds them, in the flow's order (none for a new flow). */
export function flowTaskIds(flow: { steps: readonly { position: number; task: { id: string } }[] } | undefined): string[] {
  return [...(flow?.steps ?? [])].sort((a, b) => a.position - b.position).map((step) => step.task.id);
}
