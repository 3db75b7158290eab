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

/**
 * Reads `aksIam.*`, dropping malformed values instead of failing on them. `scope`: the workspace folder (or a file
 * in it) whose values the `resource` settings (rules, exclude, defaultNamespace, maxFileSize) take; without it,
 * the window's (workspace, then user) values.
 */
export function readSettings(log?: vscode.LogOutputChannel, scope?: vscode.ConfigurationScope | null): ExtensionSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const rules: Record<string, SeveritySetting> = {};
  const raw = c.get<unknown>('rules');
  if (raw && typeof raw === 'object') {
    for (const [id, level] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) rules[id] = level as SeveritySetting;
      else log?.warn(`aksIam.rules${folderOf(scope)}: ignoring ${JSON.stringify(level)} for ${id} (use error, warning, info or off)`);
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

/** ` of folder <name>` for a folder scope, for log lines. */
function folderOf(scope: vscode.ConfigurationScope | null | undefined): string {
  const uri = scope instanceof vscode.Uri ? scope : scope && 'uri' in scope && scope.uri instanceof vscode.Uri ? scope.uri : undefined;
  const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
  return folder ? ` of folder ${folder.name}` : '';
}

/** The settings whose values may differ between the folders of a multi-root workspace. */
export type FolderSettings = Pick<ExtensionSettings, 'rules' | 'exclude' | 'defaultNamespace' | 'maxFileSize'>;

/**
 * The `resource` settings of each workspace folder, read once per folder and kept until the configuration or the
 * folders change. A file gets its folder's values; a file outside every folder (or untitled) gets the window's.
 */
export class SettingsByFolder {
  private readonly byFolder = new Map<string, ExtensionSettings>();
  private readonly byPath = new Map<string, ExtensionSettings>();

  constructor(private readonly log?: vscode.LogOutputChannel) {}

  /** The window's settings (the window-scoped ones, and the resource ones for files outside every folder). */
  window(): ExtensionSettings {
    return this.read('', null);
  }

  forUri(uri: vscode.Uri): ExtensionSettings {
    const folder = uri.scheme === 'untitled' ? undefined : vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.read(folder.uri.toString(), folder.uri) : this.window();
  }

  /** For a workspace index path (a URI string). */
  forPath(path: string): ExtensionSettings {
    let s = this.byPath.get(path);
    if (!s) {
      s = this.forUri(vscode.Uri.parse(path));
      this.byPath.set(path, s);
    }
    return s;
  }

  /** Each workspace folder's settings and the window's, keyed by folder URI ('' for the window). */
  all(): Map<string, FolderSettings> {
    const out = new Map<string, FolderSettings>([['', this.window()]]);
    for (const f of vscode.workspace.workspaceFolders ?? []) out.set(f.uri.toString(), this.read(f.uri.toString(), f.uri));
    return out;
  }

  /** Forgets what was read: the next lookup reads the configuration again. */
  clear(): void {
    this.byFolder.clear();
    this.byPath.clear();
  }

  private read(key: string, scope: vscode.Uri | null): ExtensionSettings {
    let s = this.byFolder.get(key);
    if (!s) {
      s = readSettings(this.log, scope);
      this.byFolder.set(key, s);
    }
    return s;
  }
}
