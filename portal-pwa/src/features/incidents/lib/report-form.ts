import type { IncidentCategory } from "../api/incidents";

/** What the API takes (incidents/service.py): at most four photos of 5 MB, JPEG, PNG or WebP. */
export const MAX_PHOTOS = 4;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export const TITLE_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 5000;
export const AVAILABILITY_MAX_LENGTH = 1000;

export const REPORT_FIELDS = ["lease_id", "category", "title", "description", "availability", "photos"] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

export type ReportError = "required" | "tooMany" | "notAnImage" | "tooLarge";
export type ReportErrors = Partial<Record<ReportField, ReportError>>;

export interface ReportValues {
  leaseId: string;
  category: IncidentCategory | "";
  title: string;
  description: string;
  availability: string;
  photos: readonly File[];
}

export interface CheckedReport {
  leaseId: string | null;
  category: IncidentCategory;
  title: string;
  description: string;
  availability: string;
  photos: readonly File[];
}

/** Problems with the chosen photos, checked before sending (the API checks the content again). */
export function photoError(photos: readonly File[]): ReportError | undefined {
  if (photos.length > MAX_PHOTOS) return "tooMany";
  if (photos.some((photo) => !(PHOTO_TYPES as readonly string[]).includes(photo.type))) return "notAnImage";
  if (photos.some((photo) => photo.size > MAX_PHOTO_BYTES)) return "tooLarge";
  return undefined;
}

/**
 * The report as the API takes it, or what is wrong with it. A tenant with several leases must
 * pick the one it is about (`askLease`); with one lease the API takes that one.
 */
export function readReport(values: ReportValues, askLease: boolean): { report: CheckedReport } | { errors: ReportErrors } {
  const errors: ReportErrors = {};
  if (askLease && values.leaseId === "") errors.lease_id = "required";
  if (values.category === "") errors.category = "required";
  if (values.title.trim() === "") errors.title = "required";
  if (values.description.trim() === "") errors.description = "required";
  const photos = photoError(values.photos);
  if (photos !== undefined) errors.photos = photos;
  if (Object.keys(errors).length > 0 || values.category === "") return { errors };
  return {
    report: {
      leaseId: askLease ? values.leaseId : null,
      category: values.category,
      title: values.title.trim(),
      description: values.description.trim(),
      availability: values.availability.trim(),
      photos: values.photos,
    },
  };
}
