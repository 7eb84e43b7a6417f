import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";

export interface MetricsIdentity {
  readonly namespace: string;
  readonly serviceName: string;
}

type Dimensions = Readonly<Record<string, string>>;

/**
 * Counts gathered over one invocation and published once at its end, as one EMF document per set
 * of dimensions: each document is a billed CloudWatch Logs line, so a batch of 100 selections writes
 * one for them all, not 100. One Powertools Metrics instance per set of dimensions is kept
 * for reuse; dimension values are codes and refusal kinds, so the sets stay few.
 */
export class MetricBuffer {
  private readonly pending = new Map<
    string,
    { dimensions: Dimensions; counts: Map<string, number> }
  >();
  private readonly publishers = new Map<string, Metrics>();

  constructor(private readonly identity: MetricsIdentity) {}

  count(name: string, dimensions: Dimensions = {}, times = 1): void {
    const key = JSON.stringify(dimensions);
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { dimensions, counts: new Map() };
      this.pending.set(key, entry);
    }
    entry.counts.set(name, (entry.counts.get(name) ?? 0) + times);
  }

  /** Publishes what was counted since the last flush. */
  flush(): void {
    for (const [key, { dimensions, counts }] of this.pending) {
      const metrics = this.publisher(key, dimensions);
      for (const [name, count] of counts) metrics.addMetric(name, MetricUnit.Count, count);
      metrics.publishStoredMetrics();
    }
    this.pending.clear();
  }

  private publisher(key: string, dimensions: Dimensions): Metrics {
    let metrics = this.publishers.get(key);
    if (!metrics) {
      metrics = new Metrics({ ...this.identity, defaultDimensions: { ...dimensions } });
      this.publishers.set(key, metrics);
    }
    return metrics;
  }
}
