package vn.lienlac.infra.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each phone received, newest first, kept in memory (a sandbox forgets on restart). Bounded per
 * phone and in phones kept, so a benchmark pushing millions through it does not fill the heap.
 */
public final class Outbox {

  static final int PER_PHONE = 50;
  static final int PHONES = 10_000;

  private final Map<String, Deque<Received>> byPhone = new LinkedHashMap<>(16, 0.75f, true);
  private long total;

  public synchronized void add(Received message) {
    Deque<Received> messages = byPhone.computeIfAbsent(message.to(), k -> new ArrayDeque<>());
    messages.addFirst(message);
    if (messages.size() > PER_PHONE) {
      messages.removeLast();
    }
    if (byPhone.size() > PHONES) {
      byPhone.remove(byPhone.keySet().iterator().next());
    }
    total++;
  }

  /** Newest first. */
  public synchronized List<Received> to(String phone) {
    Deque<Received> messages = byPhone.get(phone);
    return messages == null ? List.of() : List.copyOf(messages);
  }

  /** The latest {@code limit} messages to anyone, newest first. */
  public synchronized List<Received> latest(int limit) {
    List<Received> all = new ArrayList<>();
    byPhone.values().forEach(all::addAll);
    all.sort(Comparator.comparing(Received::time).reversed());
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  /** Messages accepted since start (including those no longer kept). */
  public synchronized long total() {
    return total;
  }

  public synchronized void clear() {
    byPhone.clear();
    total = 0;
  }
}
