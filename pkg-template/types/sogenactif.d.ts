/**
 * Sogenactif (Worldline Sips 2.0). `Sogenactif` is an interface so each half declares its own
 * members (Office JSON in sogenactif_office.d.ts, Office Batch beside it) and TypeScript merges them.
 */
export declare const sogenactif: Sogenactif;
