/**
 * The bridge's figures for operators, served at {@code /metrics} in Prometheus's text format
 * through Micrometer. Everything is derived from the call events and a probe of the relay loop,
 * so the call core knows nothing of metrics and the per-frame path pays nothing for them.
 */
package app.highway.metrics;
