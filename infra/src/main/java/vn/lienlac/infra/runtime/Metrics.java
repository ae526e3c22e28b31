package vn.lienlac.infra.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import vn.lienlac.api.realtime.RealtimeHub;
import vn.lienlac.delivery.DeliveryEvents;
import vn.lienlac.messaging.directory.SyncProgress;
import vn.lienlac.messaging.directory.TableSummary;

/** The process's Prometheus registry: Vert.x, JVM and our own meters. */
public final class Metrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicLong lastSyncedTable = new AtomicLong();

  public Metrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    registry.gauge("lienlac_directory_sync_last_table_finished_seconds", lastSyncedTable);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Gauges of this process's realtime WebSockets. */
  public void realtime(RealtimeHub hub) {
    Gauge.builder("lienlac_realtime_connections", hub, RealtimeHub::connections)
        .description("Open realtime WebSocket connections of this process").register(registry);
    Gauge.builder("lienlac_realtime_users", hub, RealtimeHub::users)
        .description("Users with at least one realtime connection to this process").register(registry);
    FunctionCounter.builder("lienlac_realtime_slow_disconnects", hub, RealtimeHub::slowDisconnects)
        .description("Realtime connections closed because the client did not read fast enough").register(registry);
    FunctionCounter.builder("lienlac_realtime_silent_disconnects", hub, RealtimeHub::silentDisconnects)
        .description("Realtime connections closed because the client stopped answering pings").register(registry);
  }

  /** Bank transactions recorded per source (new or already known) and notifications we found missing. */
  public vn.lienlac.payment.intake.IntakeMetrics bankIntake() {
    return new vn.lienlac.payment.intake.IntakeMetrics() {
      @Override
      public void recorded(vn.lienlac.payment.intake.Source source, boolean isNew) {
        Counter.builder("lienlac_bank_transactions").description("Bank transactions received, per source")
            .tag("source", source.code()).tag("outcome", isNew ? "new" : "known").register(registry).increment();
      }

      @Override
      public void missedNotifications(vn.lienlac.payment.intake.Source foundBy, int count) {
        Counter.builder("lienlac_bank_missed_notifications")
            .description("Credits no webhook reported, found by a statement or the bank pull")
            .tag("found_by", foundBy.code()).register(registry).increment(count);
      }
    };
  }

  /** Counts what the directory sync does, per upstream table. */
  public SyncProgress directorySync() {
    return new SyncProgress() {
      @Override
      public void tableFinished(TableSummary t) {
        count(t.table(), "read", t.read());
        count(t.table(), "inserted", t.inserted());
        count(t.table(), "updated", t.updated());
        count(t.table(), "rejected", t.rejected());
        count(t.table(), "removed", t.removed());
        lastSyncedTable.set(System.currentTimeMillis() / 1000);
      }
    };
  }

  /** Counts delivery outcomes per channel and provider, and what accepted sends cost. */
  public DeliveryEvents delivery() {
    return (channel, provider, outcome, costVnd) -> {
      Counter.builder("lienlac_delivery_attempts").description("Provider calls and their outcomes")
          .tag("channel", channel).tag("provider", String.valueOf(provider)).tag("outcome", outcome)
          .register(registry).increment();
      if (costVnd > 0) {
        Counter.builder("lienlac_delivery_cost_vnd").description("What accepted sends cost, in đồng")
            .tag("channel", channel).tag("provider", provider).register(registry).increment(costVnd);
      }
    };
  }

  private void count(String table, String outcome, long n) {
    Counter.builder("lienlac_directory_sync_rows").description("Rows handled by the directory sync")
        .tag("table", table).tag("outcome", outcome).register(registry).increment(n);
  }
}
