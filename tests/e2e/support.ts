// The browser tests share the server and Chromium harness with the measuring scripts.
export * from '../../scripts/harness';
