/**
 * Who reads a result: a clinician, a patient at home, or IT. Kept apart (no imports) so the
 * pages that only read `?reader=` from a link do not load the result schema.
 */
export type Reader = 'clinician' | 'patient' | 'it';
export const READERS: readonly Reader[] = ['clinician', 'patient', 'it'];
