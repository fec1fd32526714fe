/** An answer to one step, whichever routes save it (an invite's step or an assigned task). */
export type StepAnswer =
  | { kind: "form"; answers: Record<string, string> }
  | { kind: "accept"; textVersion: number }
  | { kind: "document"; fileName: string; contentType: string; contentBase64: string };
