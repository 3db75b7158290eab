const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_LENGTH = 253;

export function isDnsSubdomain(name: string): boolean {
  return name.length <= MAX_LENGTH && SUBDOMAIN.test(name);
}

function listing(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : items[0];
}

/** Why a name is not a DNS-1123 subdomain, in words ("contains upper-case letters and \"_\""), or null when it is one. */
export function dnsSubdomainProblem(name: string): string | null {
  if (isDnsSubdomain(name)) return null;
  const problems: string[] = [];
  if (name.length > MAX_LENGTH) problems.push(`is ${name.length} characters long (at most ${MAX_LENGTH})`);
  const contains: string[] = [];
  if (/[A-Z]/.test(name)) contains.push('upper-case letters');
  for (const c of new Set(name.replace(/[-a-zA-Z0-9.]/g, ''))) contains.push(c === ' ' ? 'a space' : /\s/.test(c) ? JSON.stringify(c) : `"${c}"`);
  if (contains.length) problems.push(`contains ${listing(contains)}`);
  // Only worth saying when the characters themselves are fine.
  if (!problems.length) problems.push('has a part that does not start and end with a letter or digit');
  return problems.join(' and ');
}

/** A valid name close to the given one, for the message ("My_SA" → "my-sa"), or null when none is obvious. */
export function suggestDnsSubdomain(name: string): string | null {
  const s = name
    .toLowerCase()
    .replace(/[^-a-z0-9.]+/g, '-')
    .split('.')
    .map((part) => part.replace(/-+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((part) => part.length > 0)
    .join('.')
    .slice(0, MAX_LENGTH)
    .replace(/[-.]+$/, '');
  return s && s !== name && isDnsSubdomain(s) ? s : null;
}

/** The full explanation used in messages: the problem, the rule, and a suggestion when there is one. */
export function dnsSubdomainAdvice(name: string): string | null {
  const problem = dnsSubdomainProblem(name);
  if (!problem) return null;
  const suggestion = suggestDnsSubdomain(name);
  return `it ${problem}, so the API server rejects it. Names must be lower-case letters, digits, "-" and ".", starting and ending with a letter or digit${suggestion ? ` (e.g. "${suggestion}")` : ''}`;
}
