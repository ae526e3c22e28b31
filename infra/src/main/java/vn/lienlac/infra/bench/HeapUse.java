package vn.lienlac.infra.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap this process has had in use at once, sampled every 20 ms by a daemon thread from the
 * moment the class is first used. (Summing each pool's own peak would add peaks that happened at
 * different times and can exceed -Xmx.)
 */
public final class HeapUse {

  private static final AtomicLong PEAK = new AtomicLong();

  static {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    Thread sampler = new Thread(() -> {
      while (true) {
        PEAK.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private HeapUse() {}

  /** Starts sampling (first use of the class) without reading. */
  public static void start() {
    PEAK.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
  }

  public static long peakMib() {
    start();
    return PEAK.get() / (1024 * 1024);
  }
}
