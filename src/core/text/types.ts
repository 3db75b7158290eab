/** 0-based line and UTF-16 character, as VS Code counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A replacement of the UTF-16 offsets [start, end) of one file's text. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}
