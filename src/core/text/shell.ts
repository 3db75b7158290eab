/**
 * Command lines for people to paste into a terminal, built from an argument list with one quoting function per
 * shell. Every word that is not plainly safe is single-quoted: no expansion of any kind happens inside single
 * quotes in either family, so `$(…)`, backticks, globs, `;`, `&`, `(` and `)` reach the program as written.
 */

/** `posix`: bash, zsh, sh, dash, ksh (and fish, which accepts the same quoting); `powershell`: Windows PowerShell and pwsh. */
export type Shell = 'posix' | 'powershell';

export const SHELL_LABEL: Record<Shell, string> = { posix: 'bash / zsh', powershell: 'PowerShell' };

// A leading `=` is an expansion in zsh (`=ls` is the path of ls), `~` is the home folder: both stay quoted.
const POSIX_BARE = /^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/;

/** One word for bash, zsh or sh: bare when safe, else in single quotes, each `'` written as `'\''`. */
export function quotePosix(word: string): string {
  return POSIX_BARE.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

// PowerShell reads bare words in argument mode: a leading digit can make a number of it (`1kb` is 1024), `@`
// splats, `$` expands, `,` makes an array, `--%` stops parsing. Bare are only flags and plain words.
const POWERSHELL_BARE = /^-{0,2}[A-Za-z][A-Za-z0-9-]*$/;
// PowerShell takes the typographic single quotes as quotes too, so they are doubled like `'`.
const POWERSHELL_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

/** One word for PowerShell: bare when safe, else in single quotes, each quote character doubled (`'` → `''`). */
export function quotePowerShell(word: string): string {
  return POWERSHELL_BARE.test(word) ? word : `'${word.replace(POWERSHELL_QUOTES, (q) => q + q)}'`;
}

export function quoteFor(shell: Shell): (word: string) => string {
  return shell === 'powershell' ? quotePowerShell : quotePosix;
}

/** The command line that runs `argv` (program first) in the given shell. */
export function commandLine(argv: readonly string[], shell: Shell): string {
  return argv.map(quoteFor(shell)).join(' ');
}

/**
 * The shell family of a terminal's shell executable (VS Code's `env.shell`, `$SHELL`, `%ComSpec%`): PowerShell for
 * pwsh and powershell, else POSIX. `cmd.exe` quotes like neither; it gets PowerShell's form, which Windows users
 * can paste into the PowerShell that ships with Windows.
 */
export function shellOf(executable: string | undefined): Shell {
  const name = (executable ?? '').split(/[\\/]/).pop()?.toLowerCase() ?? '';
  return /^(pwsh|powershell)(-preview)?(\.exe)?$/.test(name) || /^cmd(\.exe)?$/.test(name) ? 'powershell' : 'posix';
}
