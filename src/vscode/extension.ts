import type * as vscode from 'vscode';

// Placeholder entry until the editor adapters land; keeps the extension bundle buildable.
export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
