// No EMF documents, and only errors logged: tests that read log lines make a logger of their own
// at INFO, and the telemetry tests enable metrics themselves.
process.env.POWERTOOLS_METRICS_DISABLED = "true";
process.env.POWERTOOLS_LOG_LEVEL = "ERROR";
