import { format } from 'node:util';
import { AzureLogger } from '@azure/logger';
import { redactAll } from './errors';

/**
 * Sends the Azure SDK's own log (enabled with AZURE_LOG_LEVEL) through redaction. The SDK hides the request's
 * Authorization header, but dumps response headers and bodies as they come: a server or proxy that echoes a
 * token, or an error body quoting one, would reach the terminal or a CI log.
 */
export function redactSdkLog(write: (text: string) => void): void {
  AzureLogger.log = (...args: unknown[]) => write(`${redactAll(format(...args))}\n`);
}
