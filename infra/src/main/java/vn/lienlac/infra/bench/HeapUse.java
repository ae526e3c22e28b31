package vn.lienlac.infra.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The most heap this process has had in use at once, sampled every 20 ms by a daemon thread from the
 * moment the class is first used (summing each pool's own peak would add peaks that happened at different
 * times and can exceed -Xmx); and the most still in use right after a collection, from the collectors'
 * notifications: the live data, which is what a heap cap must hold.
 */
public final class HeapUse {

  private static final AtomicLong PEAK = new AtomicLong();
  private static final AtomicLong PEAK_LIVE = new AtomicLong();

  static {
    // After every collection: what the heap pools still hold (the live data, plus what that collection left).
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((notification, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long after = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
              MemoryUsage usage = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
              if (pool.getType() == MemoryType.HEAP && usage != null) {
                after += usage.getUsed();
              }
            }
            PEAK_LIVE.accumulateAndGet(after, Math::max);
          }
        }, null, null);
      }
    }
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

  /**
   * The most heap in use right after a collection: what the work needed live, independent of how far the
   * collector let garbage pile up before collecting. Before any collection, the peak of {@link #peakMib}.
   */
  public static long peakLiveMib() {
    start();
    long live = PEAK_LIVE.get();
    return (live == 0 ? PEAK.get() : live) / (1024 * 1024);
  }

  public static long peakMib() {
    start();
    return PEAK.get() / (1024 * 1024);
  }
}
