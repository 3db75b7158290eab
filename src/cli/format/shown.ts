import type { Finding } from '../../core/analyze';

/** A related location as printed: `display` is its file as the command line shows it (relative to the working directory). */
export type ShownRelated = Finding['related'][number] & { display?: string };

/** A finding as the formatters print it: its file as shown, and its related locations with theirs. */
export type ShownFinding = Omit<Finding, 'related'> & { display: string; related: readonly ShownRelated[] };
