// Refreshes the vendored Azure inputs of `npm run data` from a clone of easimon/azure-builtin-roles (a
// scheduled dump of `az role definition list` and `az provider operation show`). Run only to move to a newer
// snapshot; `npm run data` itself reads nothing outside the repository.
//
// Usage: node --import tsx scripts/vendor-azure-sources.ts <git dir of the clone> [commit, default HEAD]
//
// Each upstream folder becomes one gzip-compressed JSON object { file name: file text } with the text byte for
// byte, so the generator can recompute git's tree hash and prove the copy is the named commit's folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const [gitDir, rev = 'HEAD'] = process.argv.slice(2);
if (!gitDir) {
  console.error('usage: vendor-azure-sources.ts <git dir> [commit]');
  process.exit(2);
}
const git = (...args: string[]): Buffer => execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1 << 30 });
const commit = git('rev-parse', `${rev}^{commit}`).toString().trim();
const commitDate = git('show', '-s', '--format=%cI', commit).toString().trim();
const outDir = resolve(import.meta.dirname, '..', 'data', 'sources', 'azure-builtin-roles');
mkdirSync(outDir, { recursive: true });

const folders: Record<string, { tree: string; files: number; archive: string }> = {};
for (const folder of ['azure-roles', 'azure-provider-operations']) {
  const tree = git('rev-parse', `${commit}:${folder}`).toString().trim();
  const entries = git('ls-tree', tree).toString().trim().split('\n').map((l) => {
    const [meta, name] = l.split('\t');
    return { sha: meta.split(' ')[2], name };
  });
  const files: Record<string, string> = {};
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) files[e.name] = git('cat-file', 'blob', e.sha).toString('utf8');
  const archive = `${folder}.json.gz`;
  writeFileSync(join(outDir, archive), gzipSync(JSON.stringify(files), { level: 9 }));
  folders[folder] = { tree, files: entries.length, archive };
}

const source = {
  repository: 'easimon/azure-builtin-roles',
  url: 'https://github.com/easimon/azure-builtin-roles',
  license: 'MIT',
  commit,
  date: commitDate,
  what: '`az role definition list` (built-in roles, one file per role) and `az provider operation show` (one file per resource provider), reformatted with jq by the upstream workflow',
  folders,
};
writeFileSync(join(outDir, 'source.json'), JSON.stringify(source, null, 1) + '\n');
console.log(`vendored ${commit} (${commitDate}): ${Object.entries(folders).map(([k, v]) => `${k} ${v.files} files`).join(', ')}`);
