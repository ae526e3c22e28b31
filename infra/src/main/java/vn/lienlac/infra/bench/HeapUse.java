package vn.lienlac.infra.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Heap the process has needed so far. */
public final class HeapUse {

  private HeapUse() {}

  /** Sum of the heap pools' peak usage since start: an upper bound of the heap in use at any moment. */
  public static long peakMib() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024 * 1024);
  }
}
