import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import type { AccessToken, TokenCredential } from '@azure/identity';

/**
 * Test seams, so a real VS Code can drive the tree with no Microsoft account. They do nothing unless set:
 * - AKS_IAM_TEST_ARM_ENDPOINT: Resource Manager endpoint to use instead of the cloud's (a local fake).
 * - AKS_IAM_TEST_CA_FILE: PEM file of the CA that signed that endpoint's certificate; trusted only by the
 *   agent handed to our clients (never process-wide).
 * - AKS_IAM_TEST_TOKEN: the bearer token a static credential returns instead of a VS Code session.
 * They are read at every (re)connect, so a test running in the extension host may set them and refresh.
 */
export interface TestSeam {
  endpoint: string;
  agent: Agent | undefined;
  credential: TokenCredential;
}

export function testSeam(env: NodeJS.ProcessEnv = process.env): TestSeam | null {
  const endpoint = env.AKS_IAM_TEST_ARM_ENDPOINT;
  if (!endpoint) return null;
  const caFile = env.AKS_IAM_TEST_CA_FILE;
  const token = env.AKS_IAM_TEST_TOKEN ?? 'test-token';
  return {
    endpoint,
    agent: caFile ? new Agent({ ca: readFileSync(caFile, 'utf8'), keepAlive: false }) : undefined,
    credential: { getToken: async (): Promise<AccessToken> => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) },
  };
}
