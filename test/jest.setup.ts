// The AWS SDK warns, once per module registry (so once per test file, and once more in every
// exchange process a test starts), that it will soon need a newer Node; in test output that
// repeats hundreds of times and hides the messages that matter. This is the SDK's own opt-out
// (read by @aws-sdk/core's emitWarningIfUnsupportedVersion); production code keeps the warning.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// Powertools (functions/observability/): one log line per request would bury test output, so tests
// log nothing unless a test raises the level itself; no X-Ray tracing outside Lambda.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';
