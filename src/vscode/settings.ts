import * as vscode from 'vscode';
import type { SeveritySetting } from '../core/rules/types';

export const SECTION = 'aksIam';

export interface ExtensionSettings {
  rules: Record<string, SeveritySetting>;
  exclude: string[];
  defaultNamespace: string;
  /** In bytes. */
  maxFileSize: number;
  scanWorkspace: boolean;
  /** At most this many YAML files are read by the workspace scan; open documents are analysed regardless. */
  maxWorkspaceFiles: number;
}

export const DEFAULT_MAX_WORKSPACE_FILES = 20000;

const LEVELS = new Set(['error', 'warning', 'info', 'off']);

/** Reads `aksIam.*`, dropping malformed values instead of failing on them. */
export function readSettings(log?: vscode.LogOutputChannel): ExtensionSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const rules: Record<string, SeveritySetting> = {};
  const raw = c.get<unknown>('rules');
  if (raw && typeof raw === 'object') {
    for (const [id, level] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) rules[id] = level as SeveritySetting;
      else log?.warn(`aksIam.rules: ignoring ${JSON.stringify(level)} for ${id} (use error, warning, info or off)`);
    }
  }
  const exclude = (c.get<unknown[]>('exclude') ?? []).filter((g): g is string => typeof g === 'string');
  const kib = c.get<number>('maxFileSize');
  const maxFiles = c.get<number>('maxWorkspaceFiles');
  return {
    rules,
    exclude,
    defaultNamespace: (c.get<string>('defaultNamespace') ?? '').trim() || 'default',
    maxFileSize: (typeof kib === 'number' && kib > 0 ? kib : 2048) * 1024,
    scanWorkspace: c.get<boolean>('scanWorkspace') ?? true,
    maxWorkspaceFiles: typeof maxFiles === 'number' && maxFiles >= 1 ? Math.floor(maxFiles) : DEFAULT_MAX_WORKSPACE_FILES,
  };
}
