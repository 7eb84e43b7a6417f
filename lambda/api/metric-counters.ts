import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";

export interface MetricsIdentity {
  readonly namespace: string;
  readonly serviceName: string;
}

/**
 * Counts with Powertools Metrics (EMF), one Metrics instance per set of dimensions, kept for
 * reuse: a fresh `singleMetric()` per count costs more than the selection it counts. Dimension
 * values are codes and refusal kinds, so the set stays small.
 */
export class MetricCounters {
  private readonly byDimensions = new Map<string, Metrics>();

  constructor(private readonly identity: MetricsIdentity) {}

  count(name: string, dimensions: Readonly<Record<string, string>> = {}): void {
    const key = JSON.stringify(dimensions);
    let metrics = this.byDimensions.get(key);
    if (!metrics) {
      metrics = new Metrics({ ...this.identity, defaultDimensions: { ...dimensions } });
      this.byDimensions.set(key, metrics);
    }
    metrics.addMetric(name, MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
  }
}
