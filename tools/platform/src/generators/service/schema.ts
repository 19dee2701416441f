/** The generator's options, as `schema.json` describes them. */
export interface ServiceGeneratorSchema {
  name: string;
  port?: number;
  /** Comma-separated on the command line, or an array when called from code. */
  callers?: string | string[];
  publicPath?: string;
}
