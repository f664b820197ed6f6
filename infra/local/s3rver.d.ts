declare module 's3rver' {
  interface S3rverOptions {
    port?: number;
    address?: string;
    directory: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string; configs: (string | Buffer)[] }[];
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    configureBuckets(): Promise<void>;
    callback(): (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => void;
    close(): Promise<void>;
  }
}
