// Runs generated command lines in real shells with a stand-in `az` that prints the arguments it got, and reads a
// PowerShell command line the way PowerShell's tokenizer does when no pwsh is installed.
import { spawnSync } from 'node:child_process';

function which(name: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

/** POSIX shells on this machine (bash and dash on Debian; zsh when installed). */
export const POSIX_SHELLS = ['bash', 'dash', 'zsh'].map(which).filter((s): s is string => s !== null);

export function whichPwsh(): string | null {
  return which('pwsh');
}

/** The arguments `az` receives when `line` runs in `shell` (az being a function printing them NUL-separated). */
export function argvInPosixShell(shell: string, line: string, cwd?: string): { argv: string[]; status: number | null; stderr: string } {
  const script = `az() { for a in "$@"; do printf '%s\\000' "$a"; done; }\n${line}\n`;
  const r = spawnSync(shell, ['-c', script], { encoding: 'utf8', cwd });
  const argv = r.stdout.split('\0');
  argv.pop();
  return { argv: ['az', ...argv], status: r.status, stderr: r.stderr };
}

/** The arguments `az` receives in real PowerShell, when pwsh is installed. */
export function argvInPwsh(pwsh: string, line: string, cwd?: string): { argv: string[]; status: number | null; stderr: string } {
  const script = `function az { foreach ($a in $args) { [Console]::Out.Write([string]$a + [char]0) } }\n${line}\n`;
  const r = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-Command', '-'], { input: script, encoding: 'utf8', cwd });
  const argv = r.stdout.split('\0');
  argv.pop();
  return { argv: ['az', ...argv], status: r.status, stderr: r.stderr };
}

const PS_QUOTE = /['\u2018\u2019\u201A\u201B]/;
// Outside quotes only these may appear in a generated line: anything else would be PowerShell syntax.
const PS_BARE = /^-{0,2}[A-Za-z][A-Za-z0-9-]*$/;

/**
 * Reads a command line as PowerShell's tokenizer reads plain words and single-quoted strings (in a single-quoted
 * string any of ' ‘ ’ ‚ ‛ ends it unless doubled, and nothing else is special). Throws on anything else outside
 * quotes, since that would be PowerShell syntax (variables, subexpressions, splatting, comments, `;`).
 */
export function powershellWords(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === ' ') {
      i++;
      continue;
    }
    if (PS_QUOTE.test(line[i])) {
      let w = '';
      i++;
      for (;;) {
        if (i >= line.length) throw new Error(`unterminated string in ${line}`);
        if (PS_QUOTE.test(line[i])) {
          if (i + 1 < line.length && PS_QUOTE.test(line[i + 1])) {
            w += line[i];
            i += 2;
            continue;
          }
          i++;
          break;
        }
        w += line[i++];
      }
      if (i < line.length && line[i] !== ' ') throw new Error(`text right after a string at ${i} in ${line}`);
      words.push(w);
      continue;
    }
    let j = i;
    while (j < line.length && line[j] !== ' ') j++;
    const bare = line.slice(i, j);
    if (!PS_BARE.test(bare)) throw new Error(`bare word ${JSON.stringify(bare)} would be read as PowerShell syntax in ${line}`);
    words.push(bare);
    i = j;
  }
  return words;
}
