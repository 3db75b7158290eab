// The slice of Playwright's API the UI checks use. playwright-core lives in the harness cache, not in
// the project's dependencies, so its types are restated here structurally.
export interface Locator {
  first(): Locator;
  nth(index: number): Locator;
  locator(selector: string): Locator;
  filter(opts: { hasText?: string | RegExp; has?: Locator }): Locator;
  waitFor(opts?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  click(opts?: { timeout?: number; button?: 'left' | 'right' }): Promise<void>;
  fill(value: string, opts?: { timeout?: number }): Promise<void>;
  hover(opts?: { timeout?: number; position?: { x: number; y: number } }): Promise<void>;
  innerText(opts?: { timeout?: number }): Promise<string>;
  allInnerTexts(): Promise<string[]>;
  count(): Promise<number>;
  isVisible(): Promise<boolean>;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
  screenshot(opts: { path: string }): Promise<unknown>;
  focus(opts?: { timeout?: number }): Promise<void>;
  press(key: string, opts?: { timeout?: number }): Promise<void>;
  getAttribute(name: string, opts?: { timeout?: number }): Promise<string | null>;
}

/** A frame inside the page (a webview's iframes), located like an element. */
export interface FrameLocator {
  locator(selector: string): Locator;
  frameLocator(selector: string): FrameLocator;
}

export interface Page {
  goto(url: string, opts?: { waitUntil?: 'load' | 'domcontentloaded' | 'networkidle'; timeout?: number }): Promise<unknown>;
  exposeFunction(name: string, fn: (...args: never[]) => unknown): Promise<void>;
  locator(selector: string): Locator;
  frameLocator(selector: string): FrameLocator;
  keyboard: { press(key: string): Promise<void>; type(text: string, opts?: { delay?: number }): Promise<void> };
  mouse: { move(x: number, y: number, opts?: { steps?: number }): Promise<void> };
  screenshot(opts: { path: string; fullPage?: boolean }): Promise<unknown>;
  waitForFunction(fn: string, arg?: unknown, opts?: { timeout?: number; polling?: number }): Promise<unknown>;
  on(event: 'console' | 'pageerror', fn: (msg: { text(): string; type?(): string } & Partial<Error>) => void): void;
  close(): Promise<void>;
}

export interface UiContext {
  page: Page;
  /** Absolute path of the workspace folder the workbench has open (a throwaway copy). */
  workspace: string;
  /** Saves a screenshot as test-results/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Opens a workspace-relative file through Quick Open (Ctrl+P) and waits for its editor tab. */
  openFile(relativePath: string): Promise<void>;
}

export interface UiCheck {
  name: string;
  /** Which workspace the workbench opens: the bundled examples/ (default) or the API suite's fixture. */
  workspace?: 'examples' | 'fixture';
  run(ctx: UiContext): Promise<void>;
}
