import { loadSnapshotFiles } from './snapshot-loader';

/**
 * Where the CLI's commands get cloud identity data: the snapshot files `--snapshot` names. A plain, frozen module
 * export (it was a mutable object that importing snapshot-loader filled in, so a command imported without that
 * side effect said "--snapshot is not supported by this build").
 */
export const cloudHooks = Object.freeze({ loadSnapshot: loadSnapshotFiles });
