/**
 * How a fact's address reads in a message. Bicep and ARM addresses start with the file's path, which the CLI knows as
 * an absolute path: a message names the file by its name only (the finding's location gives the rest), so that
 * output is the same on every machine. Terraform addresses (`module.wi.azurerm_…["api"]`) read as they are.
 */
export function addressLabel(address: string): string {
  const hash = address.indexOf('#');
  if (hash < 0) return address;
  const file = address.slice(0, hash);
  return `${file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1)}${address.slice(hash)}`;
}
